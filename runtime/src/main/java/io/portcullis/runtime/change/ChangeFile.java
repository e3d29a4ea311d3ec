package io.portcullis.runtime.change;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A change record file: the record, its digest, and the approvals collected so far, as indented canonical JSON
 * ({@code portcullis propose} writes it, {@code portcullis approve} adds to it, the node reads it):
 *
 * <pre>{"approvals": [{"approver", "change", "keyId", "signature"}...], "change": {...the record...}, "digest": "sha256:..."}</pre>
 *
 * Reading is strict: the text must be exactly the canonical form of what it holds (no other spacing, key order,
 * escapes or approval order), every field known and present, and {@code digest} the record's own, so any byte of
 * the file that changes either fails to read or changes what a verifier checks.
 */
public record ChangeFile(ChangeRecord change, List<Approval> approvals) {

    /** The largest record file read: records are a few kilobytes, and the directory is read at every reload. */
    public static final long MAX_BYTES = 1 << 20;
    private static final Set<String> FIELDS = Set.of("approvals", "change", "digest");

    public ChangeFile {
        requireNonNull(change, "change");
        approvals = approvals.stream().sorted(Comparator.comparing(Approval::approver)).toList();
        for (int i = 1; i < approvals.size(); i++) {
            if (approvals.get(i).approver().equals(approvals.get(i - 1).approver())) {
                throw new IllegalArgumentException("approvals: two by " + approvals.get(i).approver()
                        + " (expected: one approval per approver)");
            }
        }
    }

    /** This file with {@code approval} added, replacing an earlier one by the same approver. */
    public ChangeFile with(Approval approval) {
        List<Approval> out = new ArrayList<>(approvals);
        out.removeIf(a -> a.approver().equals(approval.approver()));
        out.add(approval);
        return new ChangeFile(change, out);
    }

    /** The file's text: indented canonical JSON and a final newline. */
    public String text() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode list = o.putArray("approvals");
        approvals.forEach(a -> list.addObject().put("approver", a.approver()).put("change", a.change())
                .put("keyId", a.keyId()).put("signature", a.signature()));
        o.set("change", change.toJson());
        o.put("digest", change.digest());
        return Canonical.indented(o);
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, text());
    }

    /** Reads and parses {@code file}; a file larger than {@link #MAX_BYTES} is refused unread. */
    public static ChangeFile read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException(size + " bytes (expected: at most " + MAX_BYTES + ", a change record)");
        }
        return parse(Files.readAllBytes(file));
    }

    /** The file {@code bytes} hold; throws {@link IllegalArgumentException} saying what is wrong. */
    public static ChangeFile parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8 (expected: a change record written by portcullis propose)");
        }
        JsonNode root;
        try {
            root = Canonical.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage() + " (expected: a change record)");
        }
        ChangeFile file;
        try {
            file = of(root);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) { // a value of an unexpected type: refused like any other malformed record
            throw new IllegalArgumentException("malformed: " + e.getClass().getSimpleName() + " (expected: a change record "
                    + "as portcullis propose writes it)");
        }
        if (!file.text().equals(text)) {
            throw new IllegalArgumentException("not in canonical form (expected: the file exactly as portcullis propose "
                    + "and approve write it; any other byte is refused)");
        }
        return file;
    }

    private static ChangeFile of(JsonNode root) {
        ChangeRecord.exactly(root, FIELDS, "record");
        ChangeRecord change = ChangeRecord.fromJson(root.get("change"));
        if (!change.digest().equals(root.get("digest").asText())) {
            throw new IllegalArgumentException("digest: " + root.get("digest") + " is not the record's own ("
                    + change.digest() + "): the record was edited after it was written (expected: a record as "
                    + "portcullis propose wrote it)");
        }
        if (!root.get("approvals").isArray()) {
            throw new IllegalArgumentException("approvals: not a list (expected: a list)");
        }
        List<Approval> approvals = new ArrayList<>();
        for (JsonNode a : root.get("approvals")) {
            ChangeRecord.exactly(a, Set.of("approver", "change", "keyId", "signature"), "approvals[]");
            approvals.add(new Approval(ChangeRecord.text(a, "approver"), ChangeRecord.text(a, "change"),
                    ChangeRecord.text(a, "keyId"), ChangeRecord.text(a, "signature")));
        }
        return new ChangeFile(change, approvals);
    }
}
