/** Commands over the access model: {@code validate}, {@code check}, {@code who-can-reach}. */
package io.portcullis.cli.access;
