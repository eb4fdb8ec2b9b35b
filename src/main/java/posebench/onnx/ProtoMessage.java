package posebench.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

/**
 * A protocol buffer message written field by field with protobuf-java's wire format: the few ONNX
 * messages the converter writes need no generated classes. Nested messages and weight bytes are
 * joined as {@link ByteString} ropes, so 200 MB of weights are copied once, when the whole model is
 * written.
 */
final class ProtoMessage {

    private ByteString bytes = ByteString.EMPTY;

    ProtoMessage varint(int field, long value) {
        return append(field, WireFormat.WIRETYPE_VARINT, out -> out.writeUInt64NoTag(value));
    }

    ProtoMessage float32(int field, float value) {
        return append(field, WireFormat.WIRETYPE_FIXED32, out -> out.writeFloatNoTag(value));
    }

    ProtoMessage string(int field, String value) {
        return bytes(field, ByteString.copyFrom(value, StandardCharsets.UTF_8));
    }

    ProtoMessage bytes(int field, ByteString value) {
        append(field, WireFormat.WIRETYPE_LENGTH_DELIMITED, out -> out.writeUInt32NoTag(value.size()));
        bytes = bytes.concat(value);
        return this;
    }

    ProtoMessage message(int field, ProtoMessage value) {
        return bytes(field, value.bytes);
    }

    /** A repeated int64 field, packed (the encoding proto3 parsers expect and accept). */
    ProtoMessage packedInt64s(int field, long[] values) {
        ByteString.Output packed = ByteString.newOutput();
        write(packed, out -> {
            for (long v : values) {
                out.writeInt64NoTag(v);
            }
        });
        return bytes(field, packed.toByteString());
    }

    /** The serialised message. */
    ByteString toByteString() {
        return bytes;
    }

    private interface FieldWriter {
        void write(CodedOutputStream out) throws IOException;
    }

    private ProtoMessage append(int field, int wireType, FieldWriter value) {
        ByteString.Output encoded = ByteString.newOutput(16);
        write(encoded, out -> {
            out.writeTag(field, wireType);
            value.write(out);
        });
        bytes = bytes.concat(encoded.toByteString());
        return this;
    }

    private static void write(ByteString.Output target, FieldWriter writer) {
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(target, 64);
            writer.write(out);
            out.flush();
        } catch (IOException e) {
            // A ByteString.Output is in memory and never throws.
            throw new UncheckedIOException(e);
        }
    }
}
