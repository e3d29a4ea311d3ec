/** {@code portcullis probe}: the tenant-isolation matrix played against a running gateway (docs/assurance.md). */
package io.portcullis.cli.assurance;
