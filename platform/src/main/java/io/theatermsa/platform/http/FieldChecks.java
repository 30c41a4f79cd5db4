package io.theatermsa.platform.http;

import io.theatermsa.platform.http.ApiException.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every problem of a request body before anything is stored, then throws one
 * {@link ApiException.InvalidFieldsException} naming all of them.
 */
public final class FieldChecks {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final List<FieldError> errors = new ArrayList<>();

    public FieldChecks requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
        }
        return this;
    }

    public FieldChecks requireEmail(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be an email address"));
        }
        return this;
    }

    public FieldChecks requireRange(String field, Integer value, int min, int max) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        } else if (value < min || value > max) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
        }
        return this;
    }

    /** Records a problem found by the caller's own rule. */
    public FieldChecks check(boolean ok, String field, String problem) {
        if (!ok) {
            errors.add(new FieldError(field, problem));
        }
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Throws when any check failed; returns normally otherwise. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ApiException.InvalidFieldsException(errors);
        }
    }
}
