/** {@code portcullis shadow}: what a node's candidate plan in shadow decided differently. */
package io.portcullis.cli.shadow;
