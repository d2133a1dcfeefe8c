package org.geoetl.error;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Ids that tie an error answer to its log line: the answer says what went wrong in words a user
 * can act on and carries the id; the log holds the detail (stack, SQL, paths) under the same id.
 */
public final class ErrorIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ErrorIds() {
    }

    public static String next() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return "err-" + HexFormat.of().formatHex(b);
    }
}
