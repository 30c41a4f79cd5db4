package io.theatermsa.cli.exercise;

import java.util.Map;

/**
 * What an exercise asks the student to say about what they saw, answered with {@code theater exercise check
 * --answer KEY}: graded along with the mesh.
 *
 * @param prompt  the question
 * @param choices the possible answers by key ({@code a}, {@code b}, ...), in order
 * @param answer  the key of the right one
 * @param why     why it is right, shown once answered correctly
 */
public record Question(Text prompt, Map<String, Text> choices, String answer, Text why) {

    public Question {
        choices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(choices));
        if (!choices.containsKey(answer)) {
            throw new IllegalArgumentException("the answer " + answer + " is not a choice");
        }
    }
}
