/** What a global rate limit on Redis costs a request, against the same limit local. */
package io.portcullis.bench.cluster;
