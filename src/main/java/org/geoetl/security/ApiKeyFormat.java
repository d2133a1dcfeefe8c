package org.geoetl.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The shape of an API key: {@code geoetl_<id>_<secret>}. The fixed prefix lets secret scanners
 * and log filters recognise a leaked key and tells the service a bearer value is a key, not a
 * token. 256 random bits make a plain SHA-256 a sufficient hash: there is nothing to brute-force,
 * so a slow password hash would only cost time on every request.
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "geoetl_";
    /** Matches a key anywhere in a text (log scrubbing, tests that scan answers). */
    public static final Pattern ANYWHERE = Pattern.compile("geoetl_[a-z0-9]{12}_[A-Za-z0-9_-]{43}");
    private static final Pattern WHOLE = Pattern.compile("geoetl_[a-z0-9]{12}_[A-Za-z0-9_-]{43}");
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFormat() {
    }

    /** A new key's public id and its full text (shown once, never stored). */
    public record NewKey(String keyId, String key) {
        /** The first characters of the key, kept to recognise it in a list. */
        public String prefix() {
            return key.substring(0, PREFIX.length() + 16);
        }
    }

    public static NewKey generate() {
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new NewKey(id.toString(), key);
    }

    /** True when the text has a key's shape (cheap check before any database lookup). */
    public static boolean looksLikeKey(String value) {
        return value != null && WHOLE.matcher(value).matches();
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
