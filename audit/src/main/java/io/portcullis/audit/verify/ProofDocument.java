package io.portcullis.audit.verify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointCodec;
import io.portcullis.audit.checkpoint.CheckpointSigner;
import io.portcullis.audit.merkle.InclusionProof;
import io.portcullis.audit.merkle.InvalidProofException;
import io.portcullis.audit.merkle.MerkleHasher;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A self-contained inclusion proof as printed by {@code portcullis audit prove}: the record's canonical bytes, the
 * audit path and the signed checkpoint it leads to. {@link #verify} needs only this document and the public key.
 */
public record ProofDocument(byte[] payload, InclusionProof proof, Checkpoint checkpoint) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ProofDocument {
        requireNonNull(payload, "payload");
        requireNonNull(proof, "proof");
        requireNonNull(checkpoint, "checkpoint");
    }

    /**
     * Checks the checkpoint's signature, that the proof's tree is the checkpoint's, and that the payload's leaf hash
     * is at the proof's index in that tree.
     */
    public void verify(PublicKey key) throws InvalidProofException {
        if (!CheckpointSigner.verifies(checkpoint, key)) {
            throw new InvalidProofException("checkpoint: signature does not verify with the given key");
        }
        if (checkpoint.size() != proof.treeSize()) {
            throw new InvalidProofException("treeSize: " + proof.treeSize() + " (expected: the checkpoint's size "
                    + checkpoint.size() + ")");
        }
        MerkleHasher hasher = new MerkleHasher();
        proof.verify(hasher, hasher.leaf(payload), checkpoint.root());
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        MerkleHasher hasher = new MerkleHasher();
        Base64.Encoder b64 = Base64.getEncoder();
        root.put("leafIndex", proof.leafIndex());
        root.put("treeSize", proof.treeSize());
        root.put("leafHash", b64.encodeToString(hasher.leaf(payload)));
        root.put("payload", b64.encodeToString(payload));
        try {
            root.set("entry", MAPPER.readTree(payload));
        } catch (IOException e) {
            root.putNull("entry");
        }
        ArrayNode path = root.putArray("path");
        proof.path().forEach(h -> path.add(b64.encodeToString(h)));
        root.set("checkpoint", CheckpointCodec.toJson(checkpoint));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses what {@link #toJson()} wrote; messages name the field and what was expected. */
    public static ProofDocument parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("proof: malformed JSON (expected: the output of 'portcullis audit prove')", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("proof: not a JSON object (expected: the output of 'portcullis audit prove')");
        }
        long index = number(root, "leafIndex");
        long size = number(root, "treeSize");
        byte[] payload = base64(root.get("payload"), "payload");
        JsonNode pathNode = root.get("path");
        if (pathNode == null || !pathNode.isArray()) {
            throw new IllegalArgumentException("path: " + pathNode + " (expected: an array of base64 hashes)");
        }
        List<byte[]> path = new ArrayList<>();
        for (int i = 0; i < pathNode.size(); i++) {
            path.add(base64(pathNode.get(i), "path[" + i + "]"));
        }
        Checkpoint checkpoint = CheckpointCodec.fromJson(root.get("checkpoint"), "checkpoint");
        ProofDocument doc = new ProofDocument(payload, new InclusionProof(index, size, path), checkpoint);
        JsonNode leafHash = root.get("leafHash");
        if (leafHash != null && !MessageDigest.isEqual(base64(leafHash, "leafHash"), new MerkleHasher().leaf(payload))) {
            throw new IllegalArgumentException("leafHash: does not match payload (expected: SHA-256(0x00 || payload))");
        }
        return doc;
    }

    private static long number(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw new IllegalArgumentException(field + ": " + v + " (expected: an integer >= 0)");
        }
        return v.asLong();
    }

    private static byte[] base64(JsonNode v, String field) {
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + ": " + v + " (expected: a base64 string)");
        }
        try {
            return Base64.getDecoder().decode(v.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": not base64 (expected: standard base64)", e);
        }
    }
}
