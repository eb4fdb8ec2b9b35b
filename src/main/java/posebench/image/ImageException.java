package posebench.image;

/** An image file that cannot be used as pipeline input; the message names the file and the cause. */
public class ImageException extends RuntimeException {

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
