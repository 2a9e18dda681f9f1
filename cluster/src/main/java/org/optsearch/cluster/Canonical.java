package org.optsearch.cluster;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The bytes a message's HMAC is taken over: every field, in a fixed order, each string with its length
 * and a marker for null, each double as its bits. Independent of Java serialization.
 */
final class Canonical {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    Canonical(String kind) {
        text(kind);
    }

    Canonical text(String s) {
        try {
            out.writeBoolean(s != null);
            if (s != null) {
                byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Canonical number(long v) {
        try {
            out.writeLong(v);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Canonical real(double v) {
        return number(Double.doubleToRawLongBits(v));
    }

    byte[] bytes() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
