/** The cost of looking a source address up in the node's geo databases ({@code GeoLookupBenchmark}). */
package io.portcullis.bench.geo;
