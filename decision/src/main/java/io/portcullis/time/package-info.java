/** Time as the rest of Portcullis reads it: a {@link io.portcullis.time.Ticker} injected where elapsed time matters. */
package io.portcullis.time;
