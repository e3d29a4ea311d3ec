/**
 * Living documentation: {@link io.portcullis.site.LivingDocs} writes a static site and diagrams generated from a
 * compiled plan, its engine's answers and the audit log. {@code internal} holds the page model, renderers and
 * diagram builders.
 */
package io.portcullis.site;
