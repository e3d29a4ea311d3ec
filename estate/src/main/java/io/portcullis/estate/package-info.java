/**
 * Importing an estate users already run: {@code portcullis import aws DIR --out CONFIGDIR} reads the JSON the AWS
 * CLI prints ({@code aws ec2 describe-*}, {@code aws apigateway get-rest-apis}/{@code get-stages}), in the folder
 * layouts of CloudMapper, Batfish or a flat folder, and writes a Portcullis configuration that {@code validate}
 * accepts, every item traced to its source file and JSON pointer, with a report of what was read but cannot be
 * represented.
 */
package io.portcullis.estate;
