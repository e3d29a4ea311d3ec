/** {@code portcullis import}: bringing an estate users already run into a configuration ({@code import aws}). */
package io.portcullis.cli.estate;
