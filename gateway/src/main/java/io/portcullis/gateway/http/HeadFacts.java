package io.portcullis.gateway.http;

import io.portcullis.gateway.wire.HeadChars;
import io.portcullis.gateway.wire.HeaderBytes;
import io.portcullis.gateway.wire.HeaderNameSet;
import java.nio.charset.StandardCharsets;

/**
 * What one request head declared about framing, collected line by line and judged at its end: the rules that
 * stop request smuggling (one framing, one length, one Host that agrees with the target).
 */
final class HeadFacts {

    boolean http10;
    String target = "";
    int contentLengths;
    long contentLength;
    int transferEncodings;
    int hosts;
    String host = "";
    boolean expectContinue;

    void reset(boolean http10, String target) {
        this.http10 = http10;
        this.target = target;
        contentLengths = 0;
        contentLength = 0;
        transferEncodings = 0;
        hosts = 0;
        host = "";
        expectContinue = false;
    }

    /** Records a header; returns a violation detail or {@code null}. */
    String header(byte[] line, int nameStart, int nameEnd, int valueStart, int valueEnd) {
        if (HeaderNameSet.matches(line, nameStart, nameEnd, HeaderBytes.CONTENT_LENGTH)) {
            contentLengths++;
            if (valueEnd - valueStart < 1 || valueEnd - valueStart > 18) {
                return "Content-Length is not 1 to 18 digits";
            }
            long n = 0;
            for (int i = valueStart; i < valueEnd; i++) {
                if (line[i] < '0' || line[i] > '9') {
                    return "Content-Length is not a decimal number";
                }
                n = n * 10 + (line[i] - '0');
            }
            contentLength = n;
        } else if (HeaderNameSet.matches(line, nameStart, nameEnd, HeaderBytes.TRANSFER_ENCODING)) {
            transferEncodings++;
            if (!HeaderNameSet.matches(line, valueStart, valueEnd, HeaderBytes.CHUNKED)) {
                return "Transfer-Encoding other than exactly 'chunked'";
            }
        } else if (HeaderNameSet.matches(line, nameStart, nameEnd, HeaderBytes.HOST)) {
            hosts++;
            for (int i = valueStart; i < valueEnd; i++) {
                if (!HeadChars.isHost(line[i])) {
                    return "Host has a character not allowed in a host";
                }
            }
            host = new String(line, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
        } else if (HeaderNameSet.matches(line, nameStart, nameEnd, HeaderBytes.EXPECT)) {
            expectContinue |= HeaderNameSet.matches(line, valueStart, valueEnd, HeaderBytes.CONTINUE);
        }
        return null;
    }

    /** Judges the complete head; returns a violation detail or {@code null}. */
    String end() {
        if (contentLengths > 0 && transferEncodings > 0) {
            return "Content-Length together with Transfer-Encoding";
        }
        if (contentLengths > 1) {
            return "more than one Content-Length";
        }
        if (transferEncodings > 1) {
            return "more than one Transfer-Encoding";
        }
        if (http10 && transferEncodings > 0) {
            return "Transfer-Encoding in HTTP/1.0";
        }
        if (http10 ? hosts > 1 : hosts != 1) {
            return hosts == 0 ? "no Host" : "more than one Host";
        }
        String authority = RequestTargets.authority(target);
        if (authority != null) {
            if (!RequestTargets.namesHost(authority)) {
                return "absolute request target without a host";
            }
            if (!HeadChars.isHost(authority)) {
                return "absolute request target has a character not allowed in a host";
            }
            // HTTP/1.0 may omit Host; else the Host header must name the target's authority exactly.
            if (hosts > 0 && !authority.equalsIgnoreCase(host)) {
                return "Host conflicts with the absolute request target";
            }
        } else if (!target.startsWith("/") && !target.equals("*")) {
            return "request target is not origin-form";
        }
        return null;
    }
}
