package io.portcullis.feeds;

import static io.portcullis.feeds.Fixtures.bytes;
import static io.portcullis.feeds.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedParserTest {

    private static final List<String> DROP = List.of("192.0.2.0/25", "192.0.2.128/26", "198.51.100.0/24",
            "203.0.113.0/28", "203.0.113.64/27", "2001:db8:1000::/36", "2001:db8:2000::/36");

    @Test
    void readsSpamhausDropText() throws Exception {
        FeedList list = parse(FeedFormat.SPAMHAUS_DROP, "drop.txt");
        assertThat(list.cidrs()).containsExactlyElementsOf(DROP);
        assertThat(list.entryLines()).isEqualTo(7);
        assertThat(list.badLineCount()).isZero();
        assertThat(list.metadata()).isEmpty();
    }

    @Test
    void readsTheSameListWithBomCrlfTrailingBlanksAndBlankLines() throws Exception {
        assertThat(parse(FeedFormat.SPAMHAUS_DROP, "drop-crlf.txt").cidrs()).containsExactlyElementsOf(DROP);
    }

    @Test
    void readsSpamhausDropJsonWithItsMetadata() throws Exception {
        FeedList list = parse(FeedFormat.SPAMHAUS_DROP_JSON, "drop_v4.json");
        assertThat(list.cidrs()).containsExactlyElementsOf(DROP.subList(0, 5));
        FeedMetadata metadata = list.metadata().orElseThrow();
        assertThat(metadata.records()).isEqualTo(OptionalLong.of(5));
        assertThat(metadata.timestamp()).contains(Instant.ofEpochSecond(1736847131));
        assertThat(metadata.size()).isEqualTo(OptionalLong.of(289));
        assertThat(metadata.copyright()).isEqualTo("(c) 2025 The Spamhaus Project SLU");
    }

    @Test
    void normalizesIpv6FromTheJsonFeed() throws Exception {
        FeedList list = parse(FeedFormat.SPAMHAUS_DROP_JSON, "drop_v6.json");
        assertThat(list.cidrs()).containsExactly("2001:db8:1000::/36", "2001:db8:2000::/36", "2001:db8:3000::/36");
    }

    @Test
    void rejectsJsonWhoseMetadataCountsOtherRecords() {
        assertThatThrownBy(() -> parse(FeedFormat.SPAMHAUS_DROP_JSON, "drop_v4-count-mismatch.json"))
                .isInstanceOf(MalformedFeedException.class).hasMessage("metadata says 5 records, found 3");
    }

    @Test
    void rejectsTruncatedJson() {
        assertThatThrownBy(() -> parse(FeedFormat.SPAMHAUS_DROP_JSON, "drop_v4-truncated.json"))
                .isInstanceOf(MalformedFeedException.class).hasMessage("line 3: truncated JSON");
    }

    @Test
    void rejectsJsonWithoutMetadataLine() {
        String twoRecords = "{\"cidr\":\"192.0.2.0/25\",\"sblid\":\"SBL1\"}\n{\"cidr\":\"192.0.2.128/25\",\"sblid\":\"SBL2\"}\n";
        assertThatThrownBy(() -> FeedParser.parse(FeedFormat.SPAMHAUS_DROP_JSON, twoRecords))
                .hasMessage("no metadata line at the end (truncated?)");
    }

    @Test
    void rejectsJsonWithDataAfterMetadata() {
        String feed = "{\"cidr\":\"192.0.2.0/25\",\"sblid\":\"SBL1\"}\n{\"type\":\"metadata\",\"records\":1}\n"
                + "{\"cidr\":\"192.0.2.128/25\",\"sblid\":\"SBL2\"}\n";
        assertThatThrownBy(() -> FeedParser.parse(FeedFormat.SPAMHAUS_DROP_JSON, feed))
                .hasMessage("line 3: data after the metadata line");
    }

    @Test
    void countsJsonLinesOfTheWrongShapeAsBad() throws Exception {
        StringBuilder feed = new StringBuilder();
        for (int i = 0; i < 19; i++) {
            feed.append("{\"cidr\":\"203.0.113.").append(i).append("\",\"sblid\":\"SBL").append(i).append("\"}\n");
        }
        feed.append("{\"asn\":64496,\"rir\":\"arin\"}\n{\"type\":\"metadata\",\"records\":20}\n");
        FeedList list = FeedParser.parse(FeedFormat.SPAMHAUS_DROP_JSON, feed.toString());
        assertThat(list.size()).isEqualTo(19);
        assertThat(list.badLines()).containsExactly(
                new BadLine(20, "expected an object with a string 'cidr': '{\"asn\":64496,\"rir\":\"arin\"}'"));
    }

    @ParameterizedTest
    @EnumSource(FeedFormat.class)
    void rejectsAnHtmlErrorPageInEveryFormat(FeedFormat format) {
        assertThatThrownBy(() -> FeedParser.parse(format, bytes("error-page.html"), FeedParseOptions.DEFAULTS))
                .hasMessage("content is HTML or XML, not a " + format.configName() + " feed");
    }

    @Test
    void rejectsJsonGivenAsText() {
        assertThatThrownBy(() -> parse(FeedFormat.PLAIN, "drop_v4.json"))
                .hasMessage("content is JSON, not a plain feed");
    }

    @Test
    void tellsAJsonArrayFromABracketedAddress() throws Exception {
        assertThatThrownBy(() -> FeedParser.parse(FeedFormat.PLAIN, "[\"192.0.2.1\"]\n"))
                .hasMessage("content is JSON, not a plain feed");
        assertThatThrownBy(() -> FeedParser.parse(FeedFormat.FIREHOL_NETSET, "[\n  {\"ip\": \"192.0.2.1\"}\n]\n"))
                .hasMessage("content is JSON, not a firehol-netset feed");
        String bracketed = "[2001:db8::1]\n2001:db8::2\n2001:db8::3\n";
        assertThat(FeedParser.parse(FeedFormat.PLAIN, bracketed.getBytes(StandardCharsets.UTF_8),
                FeedParseOptions.DEFAULTS.withMaxBadFraction(0.5)).badLines())
                .containsExactly(new BadLine(1, "not an IP address or CIDR: '[2001:db8::1]'"));
    }

    @Test
    void rejectsTextGivenAsJson() {
        assertThatThrownBy(() -> parse(FeedFormat.SPAMHAUS_DROP_JSON, "drop.txt"))
                .hasMessage("content is not JSON lines, not a spamhaus-drop-json feed");
    }

    @Test
    void rejectsANetsetGivenAsDropBecauseNoLineIsADropLine() {
        assertThatThrownBy(() -> parse(FeedFormat.SPAMHAUS_DROP, "firehol_level1.netset"))
                .hasMessage("30 of 30 entry lines are bad (more than 10%)");
    }

    @Test
    void countsAndSamplesBadLinesWithoutFailingTheFeed() throws Exception {
        FeedList list = parse(FeedFormat.SPAMHAUS_DROP, "drop-bad-lines.txt");
        assertThat(list.size()).isEqualTo(18);
        assertThat(list.entryLines()).isEqualTo(20);
        assertThat(list.badLineCount()).isEqualTo(2);
        assertThat(list.badLines()).containsExactly(
                new BadLine(21, "not an IP address or CIDR: '198.51.100.300/24'"),
                new BadLine(22, "expected 'CIDR ; SBLnnnn': '203.0.113.224/27'"));
    }

    @Test
    void keepsOnlyTheConfiguredNumberOfSamplesButCountsAll() throws Exception {
        FeedList list = FeedParser.parse(FeedFormat.SPAMHAUS_DROP, bytes("drop-bad-lines.txt"),
                FeedParseOptions.DEFAULTS.withBadLineSamples(1));
        assertThat(list.badLineCount()).isEqualTo(2);
        assertThat(list.badLines()).hasSize(1);
    }

    @Test
    void rejectsAFeedWithMoreBadLinesThanAllowed() {
        assertThatThrownBy(() -> FeedParser.parse(FeedFormat.SPAMHAUS_DROP, bytes("drop-bad-lines.txt"),
                FeedParseOptions.DEFAULTS.withMaxBadFraction(0.05)))
                .hasMessage("2 of 20 entry lines are bad (more than 5%)");
    }

    @Test
    void readsPlainListsWithCommentsDuplicatesHostBitsAndMappedAddresses() throws Exception {
        FeedList list = FeedParser.parse(FeedFormat.PLAIN, bytes("plain.txt"),
                FeedParseOptions.DEFAULTS.withMaxBadFraction(0.2));
        assertThat(list.cidrs()).containsExactly("192.0.2.7/32", "198.51.100.0/24", "203.0.113.0/24",
                "203.0.113.9/32", "2001:db8::1/128", "2001:db8:abcd::/48");
        assertThat(list.hostBitsMasked()).isEqualTo(1);
        assertThat(list.badLines()).containsExactly(new BadLine(13, "not an IP address or CIDR: 'not-an-address'"));
    }

    @Test
    void readsFireholNetset() throws Exception {
        FeedList list = parse(FeedFormat.FIREHOL_NETSET, "firehol_level1.netset");
        assertThat(list.cidrs()).containsExactly("192.0.2.0/25", "192.0.2.128/26", "198.51.100.42/32",
                "198.51.100.128/25", "203.0.113.0/28", "203.0.113.64/27");
    }

    @Test
    void netsetAllowsNoTrailingTextAfterTheEntry() throws Exception {
        FeedList list = FeedParser.parse(FeedFormat.FIREHOL_NETSET, bytes("firehol_level1.netset"),
                FeedParseOptions.DEFAULTS.withMaxBadFraction(0.5));
        FeedList withJunk = FeedParser.parse(FeedFormat.FIREHOL_NETSET,
                (new String(bytes("firehol_level1.netset"), StandardCharsets.UTF_8) + "203.0.113.200 extra\n")
                        .getBytes(StandardCharsets.UTF_8), FeedParseOptions.DEFAULTS.withMaxBadFraction(0.5));
        assertThat(withJunk.cidrs()).isEqualTo(list.cidrs());
        assertThat(withJunk.badLines()).containsExactly(
                new BadLine(31, "expected one address or CIDR: '203.0.113.200 extra'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1", "192.0.2.*", "192.0.2.1-9", "fe80::1%eth0", "010.0.0.1", "192.0.2.0/33",
            "192.0.2.0/255.255.255.0", "*", "2001:db8::/129", "0x0a000001", "192.0.2.0/"})
    void refusesAddressSyntaxNobodyWritesInAFeed(String entry) throws Exception {
        String feed = "192.0.2.1\n198.51.100.1\n203.0.113.1\n" + entry + "\n";
        FeedList list = FeedParser.parse(FeedFormat.PLAIN, feed.getBytes(StandardCharsets.UTF_8),
                FeedParseOptions.DEFAULTS.withMaxBadFraction(0.5));
        assertThat(list.badLines()).containsExactly(new BadLine(4, "not an IP address or CIDR: '" + entry + "'"));
    }

    @ParameterizedTest
    @EnumSource(value = FeedFormat.class, names = {"SPAMHAUS_DROP", "FIREHOL_NETSET", "PLAIN"})
    void rejectsAFeedOfOnlyComments(FeedFormat format) {
        String comment = format == FeedFormat.SPAMHAUS_DROP ? ";" : "#";
        byte[] onlyComments = (comment + " nothing listed today\r\n\r\n" + comment + "\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> FeedParser.parse(format, onlyComments, FeedParseOptions.DEFAULTS))
                .hasMessage("no entries");
    }

    @Test
    void rejectsAnEmptyFeedUnlessAllowed() throws Exception {
        byte[] empty = "# nothing listed today\n\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> FeedParser.parse(FeedFormat.PLAIN, empty, FeedParseOptions.DEFAULTS))
                .hasMessage("no entries");
        assertThatThrownBy(() -> FeedParser.parse(FeedFormat.PLAIN, new byte[0], FeedParseOptions.DEFAULTS))
                .hasMessage("no entries");
        FeedList list = FeedParser.parse(FeedFormat.PLAIN, empty, FeedParseOptions.DEFAULTS.withAllowEmpty(true));
        assertThat(list.cidrs()).isEmpty();
    }

    @Test
    void rejectsAFeedOverTheSizeLimit() {
        assertThatThrownBy(() -> FeedParser.parse(FeedFormat.SPAMHAUS_DROP, bytes("drop.txt"),
                FeedParseOptions.DEFAULTS.withMaxBytes(100)))
                .hasMessage("larger than the limit of 100 bytes");
    }

    @Test
    void rejectsBinaryContent() {
        byte[] gzip = {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00};
        assertThatThrownBy(() -> FeedParser.parse(FeedFormat.PLAIN, gzip, FeedParseOptions.DEFAULTS))
                .hasMessage("binary content (NUL byte), not a text feed");
    }

    @Test
    void mergesAdjacentAndContainedPrefixesWhenAsked() throws Exception {
        String feed = "192.0.2.0/25\n192.0.2.128/25\n198.51.100.0/24\n198.51.100.42\n2001:db8::/33\n2001:db8:8000::/33\n";
        FeedList list = FeedParser.parse(FeedFormat.PLAIN, feed.getBytes(StandardCharsets.UTF_8),
                FeedParseOptions.DEFAULTS.withMerge(true));
        assertThat(list.cidrs()).containsExactly("192.0.2.0/24", "198.51.100.0/24", "2001:db8::/32");
        FeedList unmerged = FeedParser.parse(FeedFormat.PLAIN, feed);
        assertThat(unmerged.cidrs()).hasSize(6);
    }

    @Test
    void sortsIpv4BeforeIpv6ThenByNetworkThenByLength() throws Exception {
        String feed = "2001:db8::/32\n203.0.113.0/24\n192.0.2.0/24\n192.0.2.0/25\n10.0.0.0/8\n::/1\n";
        assertThat(FeedParser.parse(FeedFormat.PLAIN, feed).cidrs()).containsExactly(
                "10.0.0.0/8", "192.0.2.0/24", "192.0.2.0/25", "203.0.113.0/24", "::/1", "2001:db8::/32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/0", "::/0", "192.0.2.1/0"})
    void refusesAPrefixThatWouldBlockEveryAddress(String entry) throws Exception {
        String feed = "192.0.2.1\n198.51.100.1\n203.0.113.1\n" + entry + "\n";
        FeedList list = FeedParser.parse(FeedFormat.PLAIN, feed.getBytes(StandardCharsets.UTF_8),
                FeedParseOptions.DEFAULTS.withMaxBadFraction(0.5));
        assertThat(list.cidrs()).containsExactly("192.0.2.1/32", "198.51.100.1/32", "203.0.113.1/32");
        assertThat(list.badLines()).containsExactly(
                new BadLine(4, "a /0 prefix would block every address: '" + entry + "'"));
    }
}
