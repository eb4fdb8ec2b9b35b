package posebench;

import org.bytedeco.javacpp.Pointer;

/**
 * Counts the native objects TensorFlow Java holds open. Every Tensor (a fetched result too),
 * Session and Status is a JavaCPP pointer with a deallocator, and JavaCPP counts those until
 * they are closed, so a run that leaves a tensor or a Result open raises the count by one per
 * tensor. TensorFlow Java itself has no open-tensor counter.
 */
public final class NativeObjects {

    private NativeObjects() {
    }

    /** The native objects open now ({@code Pointer.totalCount()}). */
    public static long open() {
        return Pointer.totalCount();
    }
}
