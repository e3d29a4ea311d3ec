/** The site's pieces: facts asked of the engine, the page model and its HTML and Markdown renderers, diagrams. */
package io.portcullis.site.internal;
