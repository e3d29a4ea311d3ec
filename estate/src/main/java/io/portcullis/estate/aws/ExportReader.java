package io.portcullis.estate.aws;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads every file of an export folder (CloudMapper's {@code account-data/}, Batfish's {@code aws_configs/}, one
 * of their account or region folders, or a flat folder of {@code aws ... --output json} outputs) into an
 * {@link AwsEstate}. A file is recognized by its top-level key ({@code SecurityGroups}, {@code Vpcs}, ...), so
 * file names do not matter, except for the two outputs that do not say what they describe:
 * {@code get-stages} (the API id) and {@code get-managed-prefix-list-entries} (the list id), which take it from
 * the file or folder name ({@link FileNames}). Files in no known shape are listed as ignored.
 */
public final class ExportReader {

    /** Larger files are refused rather than read into memory. */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(200).maxNumberLength(100).maxStringLength(64 << 20).build());
    }

    private final Problems problems;

    public ExportReader(Problems problems) {
        this.problems = problems;
    }

    public AwsEstate read(Path root) {
        AwsEstate estate = new AwsEstate();
        if (!Files.isDirectory(root)) {
            problems.error(new Source(root.toString(), ""), "not a directory (expected: a folder of AWS CLI JSON outputs)");
            return estate;
        }
        List<Path> files;
        Path base;
        try {
            base = root.toRealPath(); // the folder named may be a link; nothing inside it is followed
            try (Stream<Path> s = Files.walk(base)) {
                List<Path> all = s.sorted().toList();
                all.stream().filter(Files::isSymbolicLink).forEach(p -> estate.links.add(base.relativize(p).toString()));
                files = all.stream().filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).filter(p -> candidate(base, p)).toList();
            }
        } catch (IOException | RuntimeException e) {
            problems.error(new Source(root.toString(), ""), "cannot list: " + e.getMessage());
            return estate;
        }
        // named under the folder as given (its own name may say the region, and it is what the user knows)
        List<FileContext> contexts = files.stream().map(f -> FileContext.of(root, root.resolve(base.relativize(f)))).toList();
        // each file is parsed and read on its own (what it holds depends on it alone) on the other processors, and
        // what each read is appended in the files' order, so the estate and its problems are those of one reader
        try (Ahead<Read> read = new Ahead<>(files.size(), i -> read(files.get(i), contexts.get(i)))) {
            for (int i = 0; i < files.size(); i++) {
                estate.files.add(contexts.get(i));
                Read file = read.take(i);
                problems.addAll(file.problems());
                estate.addAll(file.estate());
            }
        }
        return estate;
    }

    /** What one file holds (nothing when it cannot be read) and the problems reading it found, in their order. */
    private record Read(AwsEstate estate, Problems problems) {}

    private static Read read(Path f, FileContext ctx) {
        Problems problems = new Problems();
        AwsEstate part = new AwsEstate();
        JsonNode root = parse(f, ctx.file(), problems);
        if (root != null) {
            new Sections(problems, part).read(new Node(root, new Source(ctx.file(), ""), problems), ctx);
        }
        return new Read(part, problems);
    }

    /** JSON files, and CloudMapper's parameterized outputs (no extension) in a {@code service-request} folder. */
    private static boolean candidate(Path root, Path p) {
        String name = p.getFileName().toString();
        if (name.endsWith(".json")) {
            return !name.equals("import-sources.json") && !name.equals("import-report.json");
        }
        Path parent = p.getParent();
        return !name.contains(".") && parent != null && !parent.equals(root) && FileNames.isParameterFolder(parent.getFileName().toString());
    }

    private static JsonNode parse(Path f, String name, Problems problems) {
        try {
            long size = Files.size(f);
            if (size > MAX_FILE_BYTES) {
                problems.error(new Source(name, ""), size + " bytes (expected: at most " + MAX_FILE_BYTES + ")");
                return null;
            }
            if (size == 0) {
                problems.error(new Source(name, ""), "empty file (expected: the JSON an AWS CLI command prints)");
                return null;
            }
            try (InputStream in = Files.newInputStream(f)) {
                JsonNode n = JSON.readTree(in);
                if (n == null || !n.isObject()) {
                    problems.error(new Source(name, ""), "got " + Node.describe(n) + " (expected: the JSON object an AWS CLI command prints)");
                    return null;
                }
                return n;
            }
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            problems.syntax(name, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "malformed JSON: " + e.getOriginalMessage() + " (expected: the JSON an AWS CLI command prints)");
        } catch (StreamConstraintsException e) {
            problems.error(new Source(name, ""), "refused: " + e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.syntax(name, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "malformed JSON: " + e.getOriginalMessage() + " (expected: the JSON an AWS CLI command prints)");
        } catch (IOException | RuntimeException e) {
            problems.error(new Source(name, ""), "cannot read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        return null;
    }
}
