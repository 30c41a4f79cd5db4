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

    /**
     * A required text, kept exactly as sent: not blank, at most {@code maxLength} characters (code points), no
     * control characters, no unpaired surrogate. Leading and trailing spaces are part of the value.
     */
    public FieldChecks requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else {
            checkText(field, value, maxLength);
        }
        return this;
    }

    /** Like {@link #requireText} when a value is given; absent ({@code null}) is fine. */
    public FieldChecks optionalText(String field, String value, int maxLength) {
        if (value != null && value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank when given"));
        } else if (value != null) {
            checkText(field, value, maxLength);
        }
        return this;
    }

    /** An e-mail address, kept exactly as sent: no spaces around or inside it. */
    public FieldChecks requireEmail(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > 254 || !EMAIL.matcher(value).matches() || problem(value) != null) {
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

    private void checkText(String field, String value, int maxLength) {
        String problem = problem(value);
        if (problem != null) {
            errors.add(new FieldError(field, problem));
        } else if (value.codePointCount(0, value.length()) > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
        }
    }

    /** What makes {@code text} unstorable as sent, or {@code null}. */
    private static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return String.format("must not contain control characters (U+%04X at index %d)", (int) c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode text (an unpaired surrogate at index " + i + ")";
            }
        }
        return null;
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
