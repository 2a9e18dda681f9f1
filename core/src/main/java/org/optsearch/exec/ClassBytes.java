package org.optsearch.exec;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Just enough of the class-file format to write one class with one static method: a constant pool,
 * the instructions the loop compiler uses, and the file around them. Class-file version 49 is written
 * on purpose: it needs no stack-map frames, so jumps need no type bookkeeping.
 */
final class ClassBytes {
    private static final int VERSION = 49;

    private final ByteArrayOutputStream pool = new ByteArrayOutputStream();
    private final DataOutputStream poolOut = new DataOutputStream(pool);
    private final Map<String, Integer> entries = new HashMap<>();
    private int poolCount = 1;
    private final ByteArrayOutputStream code = new ByteArrayOutputStream();

    // --- constant pool ---

    int utf8(String s) {
        return entry("U" + s, out -> {
            out.writeByte(1);
            out.writeUTF(s);
        });
    }

    int classRef(String internalName) {
        int name = utf8(internalName);
        return entry("C" + internalName, out -> {
            out.writeByte(7);
            out.writeShort(name);
        });
    }

    int fieldRef(String owner, String name, String descriptor) {
        return memberRef(9, owner, name, descriptor);
    }

    int methodRef(String owner, String name, String descriptor) {
        return memberRef(10, owner, name, descriptor);
    }

    private int memberRef(int tag, String owner, String name, String descriptor) {
        int cls = classRef(owner);
        int n = utf8(name);
        int d = utf8(descriptor);
        int nameAndType = entry("N" + name + ":" + descriptor, out -> {
            out.writeByte(12);
            out.writeShort(n);
            out.writeShort(d);
        });
        return entry(tag + owner + "." + name + ":" + descriptor, out -> {
            out.writeByte(tag);
            out.writeShort(cls);
            out.writeShort(nameAndType);
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private int entry(String key, Writer writer) {
        Integer known = entries.get(key);
        if (known != null) {
            return known;
        }
        try {
            writer.write(poolOut);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.put(key, poolCount);
        return poolCount++;
    }

    // --- instructions ---

    int position() {
        return code.size();
    }

    void op(int opcode) {
        code.write(opcode);
    }

    void u1(int b) {
        code.write(b);
    }

    void u2(int v) {
        code.write(v >>> 8);
        code.write(v);
    }

    void aload(int local) {
        local(0x19, local);
    }

    void astore(int local) {
        local(0x3A, local);
    }

    void iload(int local) {
        local(0x15, local);
    }

    void istore(int local) {
        local(0x36, local);
    }

    private void local(int opcode, int local) {
        if (local < 256) {
            op(opcode);
            u1(local);
        } else {
            op(0xC4); // wide
            op(opcode);
            u2(local);
        }
    }

    void pushInt(int v) {
        if (v >= -1 && v <= 5) {
            op(0x03 + v); // iconst_<v>
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            op(0x10); // bipush
            u1(v);
        } else {
            op(0x11); // sipush
            u2(v);
        }
    }

    void iinc(int local, int delta) {
        op(0xC4); // wide iinc: any local, any short delta
        op(0x84);
        u2(local);
        u2(delta);
    }

    void invokestatic(int methodRef) {
        op(0xB8);
        u2(methodRef);
    }

    void invokevirtual(int methodRef) {
        op(0xB6);
        u2(methodRef);
    }

    void getstatic(int fieldRef) {
        op(0xB2);
        u2(fieldRef);
    }

    /** Writes a branch opcode with a placeholder offset; returns where to patch it. */
    int branch(int opcode) {
        int at = position();
        op(opcode);
        u2(0);
        return at;
    }

    /** Points the branch written at {@code at} to {@code target}. */
    void patch(int at, int target) {
        byte[] bytes = code.toByteArray();
        int offset = target - at;
        bytes[at + 1] = (byte) (offset >>> 8);
        bytes[at + 2] = (byte) offset;
        code.reset();
        code.write(bytes, 0, bytes.length);
    }

    void jump(int opcode, int target) {
        int at = position();
        op(opcode);
        u2(target - at);
    }

    // --- the class ---

    /** The class file: a final class extending Object with the one public static method written above. */
    byte[] toClassFile(String internalName, String method, String descriptor, int maxStack, int maxLocals) {
        int thisClass = classRef(internalName);
        int superClass = classRef("java/lang/Object");
        int methodName = utf8(method);
        int methodDescriptor = utf8(descriptor);
        int codeName = utf8("Code");
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(VERSION);
            out.writeShort(poolCount);
            pool.writeTo(out);
            out.writeShort(0x0030); // ACC_FINAL | ACC_SUPER
            out.writeShort(thisClass);
            out.writeShort(superClass);
            out.writeShort(0); // interfaces
            out.writeShort(0); // fields
            out.writeShort(1); // methods
            out.writeShort(0x0009); // ACC_PUBLIC | ACC_STATIC
            out.writeShort(methodName);
            out.writeShort(methodDescriptor);
            out.writeShort(1);
            out.writeShort(codeName);
            out.writeInt(12 + code.size());
            out.writeShort(maxStack);
            out.writeShort(maxLocals);
            out.writeInt(code.size());
            code.writeTo(out);
            out.writeShort(0); // exception table
            out.writeShort(0); // code attributes
            out.writeShort(0); // class attributes
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
