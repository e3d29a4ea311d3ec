package io.portcullis.analysis.compliance.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.analysis.baseline.Baseline;
import io.portcullis.analysis.compliance.ComplianceMapping;
import io.portcullis.analysis.findings.AnalysisSettings;
import io.portcullis.analysis.findings.Analyzer;
import io.portcullis.analysis.findings.ImportSources;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The compliance report of examples/trading opened from disk in Debian's headless Chromium (its chromedriver,
 * nothing downloaded): no console error, every control in the table and its evidence section reachable by its
 * link, and a printable layout (the print media rules apply and the page prints to PDF).
 */
class ComplianceHtmlBrowserTest {

    @TempDir
    static Path dir;

    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.start(dir.resolve("profile"), 1200, 1400);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theTradingReportOpensWithoutAConsoleErrorAndEveryControlLinksToItsEvidence() throws Exception {
        ComplianceMapping mapping = ComplianceMapping.builtIn();
        Plan plan = ComplianceReportTest.compile(ComplianceReportTest.TRADING);
        var findings = Analyzer.of(AnalysisSettings.DEFAULTS).analyze(plan.config(), plan.sources(),
                ImportSources.of(List.of(ComplianceReportTest.TRADING)), ComplianceReportTest.NOW);
        ComplianceReport report = ComplianceReport.of(mapping.framework("pci-dss"), mapping,
                Baseline.EMPTY.apply(findings, LocalDate.of(2026, 12, 7)), plan.digest().toString(), Optional.empty(),
                ComplianceReportTest.NOW);
        Path page = dir.resolve("compliance-pci-dss.html");
        Files.writeString(page, ComplianceHtml.write(report));

        browser.get(page.toUri().toString());

        assertThat(browser.getTitle()).isEqualTo("PCI DSS v4.0 compliance status");
        List<WebElement> links = browser.findElements(By.cssSelector("tbody a[href^='#control-']"));
        assertThat(links).hasSize(report.controls().size());
        for (WebElement link : links) {
            String id = link.getAttribute("href").substring(link.getAttribute("href").indexOf('#') + 1);
            assertThat(browser.findElements(By.id(id))).as(id).hasSize(1);
        }
        assertThat(browser.findElements(By.cssSelector("section.control .status.fail"))).hasSize((int) report.count(ControlStatus.FAIL));
        Object printRules = ((JavascriptExecutor) browser).executeScript(
                "return [...document.styleSheets[0].cssRules].some(r => r.media && r.media.mediaText === 'print')");
        assertThat(printRules).isEqualTo(true);
        String pdf = browser.print(new org.openqa.selenium.print.PrintOptions()).getContent();
        assertThat(pdf).isNotEmpty();
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).isEmpty();
    }
}
