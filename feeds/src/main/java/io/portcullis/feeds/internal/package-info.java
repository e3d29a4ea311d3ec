/** Feed plumbing behind the public API: line decoding, format readers, prefix normalization and fetchers. */
package io.portcullis.feeds.internal;
