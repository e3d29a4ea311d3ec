/** Living documentation measured: {@code portcullis docs} on a generated 10,000-group estate. */
package io.portcullis.bench.site;
