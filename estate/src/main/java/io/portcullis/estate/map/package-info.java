/**
 * From AWS to the configuration: {@link io.portcullis.estate.map.ConfigMapper} turns an AWS estate into the
 * configuration's sections ({@link io.portcullis.estate.map.ImportedConfig}) and a
 * {@link io.portcullis.estate.map.Report} of what they do not hold as AWS has it.
 */
package io.portcullis.estate.map;
