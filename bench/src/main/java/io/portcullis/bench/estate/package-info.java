/** The AWS import measured: a synthetic estate as CLI JSON ({@link io.portcullis.bench.estate.EstateGenerator}) and the import and compile timed ({@link io.portcullis.bench.estate.ImportTiming}). */
package io.portcullis.bench.estate;
