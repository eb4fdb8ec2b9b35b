package posebench.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The size an encoded image claims in its header, read without decoding, so that a small file
 * claiming a huge image is refused before a decoder allocates and fills it. Knows JPEG, PNG,
 * WebP, TIFF and BMP, the formats whose compression lets a small file expand enormously.
 */
public record ImageHeader(String format, long width, long height) {

    /** The claimed size, or empty when the format is not one of the five or the header is unreadable. */
    public static Optional<ImageHeader> read(byte[] b) {
        try {
            if (startsWith(b, 0, 0xff, 0xd8, 0xff)) {
                return jpeg(b);
            }
            if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)
                    && startsWith(b, 12, 'I', 'H', 'D', 'R')) {
                ByteBuffer be = ByteBuffer.wrap(b);
                return found("PNG", Integer.toUnsignedLong(be.getInt(16)), Integer.toUnsignedLong(be.getInt(20)));
            }
            if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
                return webp(b);
            }
            if (startsWith(b, 0, 'I', 'I', 42, 0) || startsWith(b, 0, 'M', 'M', 0, 42)) {
                return tiff(b);
            }
            if (startsWith(b, 0, 'B', 'M')) {
                return bmp(b);
            }
        } catch (IndexOutOfBoundsException e) {
            // A header cut short: the decoder reports the file as broken.
        }
        return Optional.empty();
    }

    /** Walks the marker segments up to the first start-of-frame, which holds the size. */
    private static Optional<ImageHeader> jpeg(byte[] b) {
        int i = 2;
        while (i + 3 < b.length) {
            if ((b[i] & 0xff) != 0xff) {
                return Optional.empty();
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++;
                continue;
            }
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                i += 2;
                continue;
            }
            if (marker == 0xda || marker == 0xd9) {
                return Optional.empty();
            }
            int length = u16be(b, i + 2);
            // SOF0..SOF15 but DHT (C4), JPG (C8) and DAC (CC).
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                return found("JPEG", u16be(b, i + 7), u16be(b, i + 5));
            }
            i += 2 + length;
        }
        return Optional.empty();
    }

    private static Optional<ImageHeader> webp(byte[] b) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (startsWith(b, 12, 'V', 'P', '8', ' ') && startsWith(b, 23, 0x9d, 0x01, 0x2a)) {
            return found("WebP", le.getShort(26) & 0x3fff, le.getShort(28) & 0x3fff);
        }
        if (startsWith(b, 12, 'V', 'P', '8', 'L') && b[20] == 0x2f) {
            int bits = le.getInt(21);
            return found("WebP", (bits & 0x3fff) + 1L, ((bits >>> 14) & 0x3fff) + 1L);
        }
        if (startsWith(b, 12, 'V', 'P', '8', 'X')) {
            return found("WebP", u24le(b, 24) + 1L, u24le(b, 27) + 1L);
        }
        return Optional.empty();
    }

    /** Reads ImageWidth (256) and ImageLength (257) from the first directory. */
    private static Optional<ImageHeader> tiff(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(b[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long ifd = Integer.toUnsignedLong(buf.getInt(4));
        if (ifd > b.length - 2) {
            return Optional.empty();
        }
        int at = (int) ifd;
        int entries = buf.getShort(at) & 0xffff;
        long width = -1;
        long height = -1;
        for (int e = 0; e < entries; e++) {
            int entry = at + 2 + 12 * e;
            int tag = buf.getShort(entry) & 0xffff;
            int type = buf.getShort(entry + 2) & 0xffff;
            // SHORT (3) values sit in the first two bytes of the value field, LONG (4) fill it.
            long value = type == 3 ? buf.getShort(entry + 8) & 0xffff : Integer.toUnsignedLong(buf.getInt(entry + 8));
            if (tag == 256) {
                width = value;
            } else if (tag == 257) {
                height = value;
            }
        }
        return width < 0 || height < 0 ? Optional.empty() : found("TIFF", width, height);
    }

    private static Optional<ImageHeader> bmp(byte[] b) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int headerSize = le.getInt(14);
        if (headerSize == 12) {
            return found("BMP", le.getShort(18) & 0xffff, le.getShort(20) & 0xffff);
        }
        // A negative height marks a top-down bitmap.
        return found("BMP", Math.abs((long) le.getInt(18)), Math.abs((long) le.getInt(22)));
    }

    private static Optional<ImageHeader> found(String format, long width, long height) {
        return Optional.of(new ImageHeader(format, width, height));
    }

    private static boolean startsWith(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[at + i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16be(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static int u24le(byte[] b, int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | ((b[at + 2] & 0xff) << 16);
    }
}
