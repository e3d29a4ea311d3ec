/** {@code portcullis review}: membership review sheets and applying them (docs/review.md). */
package io.portcullis.cli.review;
