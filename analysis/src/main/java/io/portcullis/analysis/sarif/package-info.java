/** Findings as SARIF 2.1.0, for code-scanning UIs (GitHub code scanning, Azure DevOps, IDEs). */
package io.portcullis.analysis.sarif;
