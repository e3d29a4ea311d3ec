package io.portcullis.feeds.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a local file, never more than the size limit plus one byte (a file may grow while it is read). */
final class FileFetcher implements Fetcher {

    private final Path path;
    private final long maxBytes;

    FileFetcher(Path path, long maxBytes) {
        this.path = path;
        this.maxBytes = maxBytes;
    }

    @Override
    public Optional<byte[]> fetch() throws FetchFailure {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (content.length > maxBytes) {
                throw new FetchFailure(FeedMessages.malformed(FeedMessages.tooLarge(maxBytes)));
            }
            return Optional.of(content);
        } catch (NoSuchFileException e) {
            throw new FetchFailure(FeedMessages.fileNotFound());
        } catch (IOException e) {
            throw new FetchFailure(FeedMessages.io(e));
        }
    }
}
