/**
 * Text as Portcullis prints it for people: {@link io.portcullis.text.Printable} makes text that came from an
 * estate, a policy or a baseline safe to print on one line of a terminal or a report.
 */
package io.portcullis.text;
