package org.optsearch.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.optsearch.train.task.spec.DataSpec;
import org.optsearch.train.task.spec.TaskSpec;
import org.optsearch.train.task.spec.TaskSpecs;

/**
 * Task files on the coordinator: each becomes a {@link Wire.TaskRef} whose data paths name files by
 * content hash, and those files are served (only those, by hash) to the workers that ask. Built-in
 * tasks travel by name: every worker has them in its jar.
 */
final class TaskFiles {
    /** A fictitious folder the shipped spec's paths are written relative to. */
    private static final Path SHIPPED = Path.of("").toAbsolutePath().getRoot().resolve("optsearch-shipped");

    private final Map<String, Path> served = new ConcurrentHashMap<>();
    private final Map<String, Wire.TaskRef> refs = new ConcurrentHashMap<>();

    /** Whether {@code name} is a task file rather than a built-in task (the rule of {@code Tasks.resolve}). */
    static boolean isFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") || lower.endsWith(".yaml") || lower.endsWith(".yml")
                || Files.isRegularFile(Path.of(name));
    }

    /** The task as workers get it; a task file's data files are hashed (once) and served from now on. */
    Wire.TaskRef ref(String name) {
        return refs.computeIfAbsent(name, n -> isFile(n) ? fileRef(n) : new Wire.TaskRef(n, null, List.of()));
    }

    private Wire.TaskRef fileRef(String name) {
        TaskSpec spec = TaskSpecs.read(Path.of(name));
        List<Wire.DataFile> files = new ArrayList<>();
        DataSpec shipped = withPaths(spec.data(), p -> {
            String sha = sha256(p);
            Wire.DataFile f = new Wire.DataFile(sha, p.getFileName().toString(), size(p));
            files.add(f);
            served.put(sha, p);
            return SHIPPED.resolve(cachedName(f));
        });
        TaskSpec out = new TaskSpec(spec.name(), spec.model(), shipped, spec.train());
        return new Wire.TaskRef(name, TaskSpecs.write(out, SHIPPED), files);
    }

    /** The file served under {@code sha256}, or null when none is (nothing else is ever served). */
    Path served(String sha256) {
        return served.get(sha256);
    }

    /** A data file's name in a worker's cache: its hash, then its own name. */
    static String cachedName(Wire.DataFile f) {
        return f.sha256() + "-" + f.name().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The same data spec with every path replaced by {@code f} of it. */
    static DataSpec withPaths(DataSpec d, UnaryOperator<Path> f) {
        if (d instanceof DataSpec.Idx i) {
            return new DataSpec.Idx(f.apply(i.trainImages()), f.apply(i.trainLabels()), f.apply(i.testImages()),
                    f.apply(i.testLabels()));
        }
        if (d instanceof DataSpec.Text t) {
            return new DataSpec.Text(f.apply(t.path()), t.validationFraction());
        }
        DataSpec.Csv c = (DataSpec.Csv) d;
        return new DataSpec.Csv(f.apply(c.path()), c.label(), c.kind(), c.validationFraction(), c.header(), c.drop(),
                c.missing(), c.categorical());
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read data file " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read data file " + file + ": " + e.getMessage(), e);
        }
    }
}
