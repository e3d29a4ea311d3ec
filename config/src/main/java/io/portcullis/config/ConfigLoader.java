package io.portcullis.config;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.internal.CrossChecker;
import io.portcullis.config.internal.Draft;
import io.portcullis.config.internal.Located;
import io.portcullis.config.internal.ParsedFiles;
import io.portcullis.config.internal.Problems;
import io.portcullis.config.internal.SafeYaml;
import io.portcullis.config.internal.SectionParser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads a configuration from YAML: one file, several, or a directory whose {@code *.yaml}/{@code *.yml} files
 * are merged (sections concatenated, files in name order). Every problem in every file is reported at once;
 * the result carries a configuration only when there is no error. Loading never throws for bad input. The files
 * of a load are parsed side by side ({@code ParsedFiles}) and merged in order, so the result is the same as one by
 * one.
 *
 * <p>The clock decides which rules count as expired for warnings; it never changes what loads.
 */
public final class ConfigLoader {

    /** The most bytes one configuration file may hold; a larger one is refused unread. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private final Clock clock;
    private final Path confinement; // null: file paths may lead anywhere

    private ConfigLoader(Clock clock, Path confinement) {
        this.clock = clock;
        this.confinement = confinement;
    }

    public static ConfigLoader create() {
        return new ConfigLoader(Clock.systemUTC(), null);
    }

    public static ConfigLoader withClock(Clock clock) {
        return new ConfigLoader(requireNonNull(clock, "clock"), null);
    }

    /**
     * This loader, with every file path a configuration names (keys, policies, JWK sets, change directories, ...)
     * confined to the directory {@code root}: an absolute path, a {@code ..} or a symbolic link leading out of it is
     * an error at that path, and what it names is never read. For configurations from elsewhere (a bundle
     * submitted to the control plane) that must not read the host's files.
     */
    public ConfigLoader confinedTo(Path root) {
        return new ConfigLoader(clock, requireNonNull(root, "root").toAbsolutePath().normalize());
    }

    /** Loads files and directories, merged. */
    public ValidationReport load(List<Path> paths) {
        Problems problems = new Problems();
        List<ConfigDocument> sources = new ArrayList<>();
        for (Path p : paths) {
            collect(p, sources, problems);
        }
        if (sources.isEmpty() && !problems.hasErrors()) {
            problems.error("", "no configuration files found in " + paths + " (expected: .yaml or .yml files)");
        }
        return parse(sources, problems);
    }

    public ValidationReport load(Path... paths) {
        return load(List.of(paths));
    }

    /**
     * Loads documents held in memory, merged in the order given, as a directory of files with those names and texts
     * would load; a document that carries its tree is not parsed again ({@link ConfigDocument}).
     */
    public ValidationReport loadDocuments(List<ConfigDocument> documents) {
        Problems problems = new Problems();
        if (documents.isEmpty()) {
            problems.error("", "no configuration documents (expected: at least one)");
        }
        return parse(documents, problems);
    }

    /** Loads one YAML document given as text; {@code name} labels its problems. */
    public ValidationReport loadString(String yaml, String name) {
        return parse(List.of(ConfigDocument.text(name, yaml)), new Problems());
    }

    private void collect(Path p, List<ConfigDocument> out, Problems problems) {
        problems.file(p.toString());
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                s.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).filter(Files::isRegularFile).sorted()
                        .forEach(f -> collect(f, out, problems));
            } catch (IOException e) {
                problems.error("", "cannot list directory: " + e.getMessage());
            }
            return;
        }
        try {
            long size = Files.size(p);
            if (size > MAX_FILE_BYTES) {
                problems.error("", size + " bytes (expected: at most " + MAX_FILE_BYTES + ")");
                return;
            }
            byte[] bytes = Files.readAllBytes(p);
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            out.add(ConfigDocument.text(p.toString(), text));
        } catch (CharacterCodingException e) {
            problems.error("", "not UTF-8 text (expected: a UTF-8 YAML file)");
        } catch (IOException e) {
            problems.error("", "cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private ValidationReport parse(List<ConfigDocument> sources, Problems problems) {
        Draft draft = new Draft();
        SafeYaml yaml = new SafeYaml();
        String single = sources.size() == 1 ? sources.get(0).file() : null;
        try (ParsedFiles files = new ParsedFiles(yaml, sources, confinement)) {
            for (int i = 0; i < sources.size(); i++) {
                ParsedFiles.Parsed file = files.take(i);
                problems.locate(sources.get(i).file(), file.locations());
                draft.addAll(file.elements());
                if (file.root() != null) {
                    new SectionParser(file.problems(), draft).finish(file.root());
                }
                problems.addAll(file.problems());
            }
        }
        problems.file(single == null ? "" : single);
        new CrossChecker(draft, problems, clock).check();
        Optional<PortcullisConfig> config = problems.hasErrors() ? Optional.empty() : Optional.of(new PortcullisConfig(
                values(draft.accounts), values(draft.vpcs), values(draft.connections), endpoints(draft),
                values(draft.prefixLists), values(draft.securityGroups), values(draft.workloads), values(draft.partners),
                values(draft.apis), values(draft.awsApis),
                draft.node()));
        return new ValidationReport(config, problems.all(), SourceMap.of(draft, problems, single == null ? "" : single));
    }

    /** The endpoints, each with its account: the one written, else its VPC's. */
    private static List<VpcEndpoint> endpoints(Draft draft) {
        Map<String, String> accountOfVpc = new java.util.HashMap<>();
        draft.vpcs.forEach(v -> accountOfVpc.put(v.value().id(), v.value().account()));
        return values(draft.vpcEndpoints).stream().map(e -> !e.account().isEmpty() ? e
                : new VpcEndpoint(e.id(), e.vpc(), accountOfVpc.getOrDefault(e.vpc(), ""), e.service(),
                        e.securityGroups(), e.policy(), e.tags())).toList();
    }

    private static <T> List<T> values(List<Located<T>> list) {
        return list.stream().map(Located::value).toList();
    }
}
