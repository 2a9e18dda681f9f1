package org.optsearch.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one writer of a run store. A writer holds an operating-system lock on {@code X.db.lock} beside the
 * store {@code X.db} for as long as it writes, with its process id, host, start time and command written
 * in the file; a second writer is refused at once with that description. Readers ({@code runs},
 * {@code report}) take no lock: SQLite's write-ahead log lets them read a live store.
 *
 * <p>The operating system drops the lock when its process ends, however it ends ({@code kill -9}
 * included), so a lock file left behind by a dead process blocks nobody: the next writer locks it and
 * writes its own description. {@link #close()} removes the file while still holding the lock; a writer
 * that locked the removed file meanwhile sees the path changed under it and starts over on the new file.
 *
 * <p>Within one process a second lock on the same store is refused from a table of the locks held here:
 * POSIX locks belong to the process, and opening and closing the lock file a second time would drop the
 * first lock. For the same reason nothing in a writer's process may read its lock file.
 */
public final class StoreLock implements AutoCloseable {
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();
    private static final int ATTEMPTS = 20;

    private final Path store;
    private final Path file;
    private final Path key;
    private final Object fileKey;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private StoreLock(Path store, Path file, Path key, Object fileKey, FileChannel channel, FileLock lock) {
        this.store = store;
        this.file = file;
        this.key = key;
        this.fileKey = fileKey;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a store: {@code X.db.lock} beside {@code X.db}. */
    public static Path fileOf(Path store) {
        return store.resolveSibling(store.getFileName() + ".lock");
    }

    /**
     * Takes the store's writer lock, or refuses at once. The store's folder must exist.
     *
     * @param command what this process is doing (its command line), written for a refused writer to read;
     *                null when unknown
     * @throws StoreException naming the store and the process that writes it, or why the lock file cannot
     *                        be made
     */
    public static StoreLock acquire(Path store, String command) {
        Path file = fileOf(store);
        Path folder = store.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new StoreException("cannot lock " + store + " for writing: the folder " + folder + " does not exist");
        }
        Path key = key(store);
        String holder = describe(command);
        String other = HELD_HERE.putIfAbsent(key, holder);
        if (other != null) {
            throw refused(store, other);
        }
        try {
            return lockFile(store, file, key, holder);
        } catch (RuntimeException e) {
            HELD_HERE.remove(key);
            throw e;
        }
    }

    private static StoreLock lockFile(Path store, Path file, Path key, String holder) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Object before = fileKey(file);
            if (before == null && !Files.exists(file)) {
                try {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException raced) {
                    // another writer made it: lock that one
                } catch (IOException e) {
                    throw cannot(store, file, e);
                }
                continue;
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (NoSuchFileException removed) {
                continue; // its holder removed it on closing: make a new one
            } catch (IOException e) {
                throw cannot(store, file, e);
            }
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    String description = read(channel);
                    channel.close();
                    throw refused(store, description);
                }
                if (!Objects.equals(before, fileKey(file))) {
                    channel.close(); // the path now names another file: lock that one
                    continue;
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                return new StoreLock(store, file, key, before, channel, lock);
            } catch (OverlappingFileLockException e) {
                close(channel);
                throw refused(store, "this process");
            } catch (IOException e) {
                close(channel);
                throw cannot(store, file, e);
            }
        }
        throw new StoreException("cannot lock " + store + ": its lock file " + file + " was replaced "
                + ATTEMPTS + " times while locking it; try again");
    }

    public Path store() {
        return store;
    }

    /** Removes the lock file and releases the lock; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            if (Objects.equals(fileKey, fileKey(file))) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // left behind, it blocks nobody: the lock goes with the channel
        } finally {
            close(channel);
            HELD_HERE.remove(key);
        }
    }

    /** This process, as a refused writer reads it: {@code pid 4121 on host ada, since 2026-...: optsearch ...}. */
    private static String describe(String command) {
        String host = RunInfo.currentHost();
        return "pid " + ProcessHandle.current().pid() + (host == null ? "" : " on host " + host) + ", since "
                + Instant.now().toString().replaceFirst("\\.\\d+Z$", "Z") + (command == null ? "" : ": " + command);
    }

    private static StoreException refused(Path store, String holder) {
        return new StoreException(store + " is being written by another process (" + holder + "); a store has one "
                + "writer at a time: wait for that one to end, or stop it, and try again ('optsearch runs' and "
                + "'optsearch report' can read the store meanwhile)");
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "a process that has not written its name yet" : text;
    }

    private static StoreException cannot(Path store, Path file, IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied" : BatchWriter.message(e);
        return new StoreException("cannot lock " + store + " for writing: " + file + ": " + why, e);
    }

    /** The store's identity within this process: the real folder and the file name. */
    private static Path key(Path store) {
        Path absolute = store.toAbsolutePath().normalize();
        try {
            return absolute.getParent().toRealPath().resolve(absolute.getFileName());
        } catch (IOException e) {
            return absolute;
        }
    }

    /** The file system's identity of the file at {@code path} (device and inode), or null. */
    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held
        }
    }
}
