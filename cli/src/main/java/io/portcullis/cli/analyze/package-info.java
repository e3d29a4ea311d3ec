/** {@code portcullis analyze}: findings on a configuration, with compliance controls, a baseline, text, JSON or SARIF. */
package io.portcullis.cli.analyze;
