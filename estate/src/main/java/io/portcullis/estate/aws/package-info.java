/**
 * Reading an AWS export: the folder and its layout ({@link io.portcullis.estate.aws.ExportReader},
 * {@link io.portcullis.estate.aws.FileContext}), each output recognized by its top-level key and read element by
 * element with its JSON pointer ({@link io.portcullis.estate.aws.Node}) into an
 * {@link io.portcullis.estate.aws.AwsEstate}; what cannot be read becomes a
 * {@link io.portcullis.estate.aws.ReadProblem}.
 */
package io.portcullis.estate.aws;
