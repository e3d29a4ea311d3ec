package io.portcullis.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import picocli.CommandLine.IVersionProvider;

/**
 * Reports the version and the commit it was built from, as the manifest of the jar holding this class records them
 * ({@code portcullis 0.1.0 (revision 6b2215c...)}), or "development" when run from classes. The container image's
 * labels carry the same two values.
 */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Attributes manifest = manifest();
        String version = manifest == null ? null : manifest.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        if (version == null) {
            return new String[] {"portcullis development"};
        }
        String revision = manifest.getValue("SCM-Revision");
        return new String[] {"portcullis " + version + (revision == null ? "" : " (revision " + revision + ")")};
    }

    private static Attributes manifest() {
        try {
            Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                return null;
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                Manifest m = jar.getManifest();
                return m == null ? null : m.getMainAttributes();
            }
        } catch (IOException | URISyntaxException | SecurityException e) {
            return null;
        }
    }
}
