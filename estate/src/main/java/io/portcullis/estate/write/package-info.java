/**
 * Writing an import: YAML per section with each item's source as a comment, {@code import-sources.json} and the
 * report ({@link io.portcullis.estate.write.ImportWriter}).
 */
package io.portcullis.estate.write;
