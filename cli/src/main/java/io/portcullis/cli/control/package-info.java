/** {@code portcullis control}: the control plane of a cluster of nodes. */
package io.portcullis.cli.control;
