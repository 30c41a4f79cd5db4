package io.theatermsa.movie;

/**
 * A hall's seats: rows are lettered from A, columns numbered from 1, so an 8 x 12 map has seats A1 to H12.
 *
 * @param rows    1 to {@value #MAX_ROWS}
 * @param columns 1 to {@value #MAX_COLUMNS}
 */
public record SeatMap(Integer rows, Integer columns) {

    static final int MAX_ROWS = 26;
    static final int MAX_COLUMNS = 40;
}
