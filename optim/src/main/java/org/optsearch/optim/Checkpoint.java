package org.optsearch.optim;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A model's weights and its optimizer's state in one file, so that training resumed from it continues
 * exactly as if it had not stopped. Written to a temporary file and moved into place, so a crash while
 * saving leaves the previous checkpoint intact.
 */
public record Checkpoint(float[] weights, OptimizerState state) {
    private static final int MAGIC = 0x4F50434B; // "OPCK"

    public Checkpoint {
        if (weights.length != state.layout().size()) {
            throw new IllegalArgumentException("the weights have " + weights.length + " floats but the optimizer "
                    + "state is for " + state.layout().size());
        }
    }

    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                DataOutputStream data = new DataOutputStream(out);
                data.writeInt(MAGIC);
                data.writeInt(weights.length);
                for (float v : weights) {
                    data.writeInt(Float.floatToRawIntBits(v));
                }
                state.save(data);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * @throws IOException naming the file and what does not match (see {@link OptimizerState#load})
     */
    public static Checkpoint load(Path file, Optimizer optimizer) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            DataInputStream data = new DataInputStream(in);
            if (data.readInt() != MAGIC) {
                throw new IOException(file + ": not an OptSearch checkpoint");
            }
            float[] weights = new float[data.readInt()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = Float.intBitsToFloat(data.readInt());
            }
            return new Checkpoint(weights, OptimizerState.load(data, optimizer));
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
