package org.geoetl.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * Address ranges an outbound request must never reach: everything that is not plainly public
 * unicast. Checked on the raw bytes rather than trusting {@link InetAddress}'s is* methods alone,
 * because those miss CGNAT, fc00::/7, and IPv4 addresses embedded in IPv6 forms.
 */
final class AddressRanges {

    private AddressRanges() {
    }

    /** The name of the blocked range the address is in, or empty when it is public unicast. */
    static Optional<String> blocked(InetAddress address) {
        byte[] b = address.getAddress();
        return Optional.ofNullable(b.length == 4 ? blockedV4(b) : blockedV6(b));
    }

    private static String blockedV4(byte[] b) {
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        int b2 = b[2] & 0xff;
        if (b0 == 0) {
            return "this-network 0.0.0.0/8";
        } else if (b0 == 127) {
            return "loopback 127.0.0.0/8";
        } else if (b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168)) {
            return "private (RFC 1918)";
        } else if (b0 == 169 && b1 == 254) {
            // 169.254.169.254 is the AWS/Azure/GCP instance metadata endpoint (credentials!)
            return "link-local 169.254.0.0/16 (cloud metadata)";
        } else if (b0 == 100 && (b1 & 0xc0) == 64) {
            return "carrier-grade NAT 100.64.0.0/10";
        } else if (b0 >= 224) {
            return b0 < 240 ? "multicast 224.0.0.0/4" : "reserved/broadcast 240.0.0.0/4";
        } else if (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2)) {
            return "IETF protocol/documentation 192.0.0.0/24, 192.0.2.0/24";
        } else if ((b0 == 198 && b1 == 51 && b2 == 100) || (b0 == 203 && b1 == 0 && b2 == 113)) {
            return "documentation range";
        } else if (b0 == 198 && (b1 & 0xfe) == 18) {
            return "benchmarking 198.18.0.0/15";
        }
        return null;
    }

    private static String blockedV6(byte[] b) {
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded(b, 12, "IPv4-mapped"); // ::ffff:a.b.c.d, if Java did not already unwrap it
        } else if (allZero(b, 0, 12)) {
            // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d: nothing public lives here
            return allZero(b, 12, 15) && b[15] == 1 ? "loopback ::1" : "unspecified/IPv4-compatible ::/96";
        } else if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            // NAT64: 64:ff9b::a.b.c.d is translated to a.b.c.d; the local-use 64:ff9b:1::/48 is never public
            return allZero(b, 4, 12) ? embedded(b, 12, "NAT64") : "local-use NAT64 64:ff9b:1::/48";
        } else if (b0 == 0) {
            return "reserved 0000::/8"; // IPv4-translated ::ffff:0:a.b.c.d and other unassigned forms
        } else if (b0 == 0x20 && b1 == 0x02) {
            return embedded(b, 2, "6to4"); // 2002:aabb:ccdd::/48 tunnels to a.b.c.d
        } else if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) {
            return "Teredo 2001::/32 (tunnels to an obfuscated IPv4 address)";
        } else if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return "documentation 2001:db8::/32";
        } else if ((b0 & 0xfe) == 0xfc) {
            return "unique local fc00::/7"; // includes fd00:ec2::254, the AWS IPv6 metadata endpoint
        } else if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return "link-local fe80::/10";
        } else if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return "site-local fec0::/10";
        } else if (b0 == 0xff) {
            return "multicast ff00::/8";
        } else if (b0 == 0x01 && b1 == 0 && allZero(b, 2, 8)) {
            return "discard-only 100::/64";
        }
        return null;
    }

    /* An IPv6 form that carries an IPv4 address is as dangerous as that IPv4 address. */
    private static String embedded(byte[] b, int from, String form) {
        String v4 = blockedV4(Arrays.copyOfRange(b, from, from + 4));
        return v4 == null ? null : form + " form of " + v4;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
