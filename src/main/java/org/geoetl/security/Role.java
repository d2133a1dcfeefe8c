package org.geoetl.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a caller may do. Every role includes {@link #READER}; {@link #ADMIN} includes every role.
 * Submitter, approver and operator are deliberately separate: the person who loads a dataset is
 * not the one who publishes it, and neither needs to cancel other people's jobs.
 */
public enum Role {
    READER, SUBMITTER, APPROVER, OPERATOR, ADMIN;

    /** The name used in API keys, tokens and the audit log: {@code reader}, {@code admin} … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority, {@code ROLE_reader} … */
    public String authority() {
        return "ROLE_" + id();
    }

    /** This role with every role it includes. */
    public Set<Role> effective() {
        return switch (this) {
            case ADMIN -> EnumSet.allOf(Role.class);
            case READER -> EnumSet.of(READER);
            default -> EnumSet.of(this, READER);
        };
    }

    public static Set<Role> effective(Iterable<Role> granted) {
        Set<Role> all = EnumSet.noneOf(Role.class);
        granted.forEach(r -> all.addAll(r.effective()));
        return all;
    }

    /** The role whose id this is, in any case ({@code Reader}); no prefix of any kind. */
    public static Optional<Role> ofId(String value) {
        for (Role r : values()) {
            if (r.id().equalsIgnoreCase(value)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Parses {@code reader}, {@code Reader} or {@code ROLE_reader}; anything else is empty. */
    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("role_")) {
            v = v.substring(5);
        }
        for (Role r : values()) {
            if (r.id().equals(v)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
