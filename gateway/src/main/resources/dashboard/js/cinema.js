// The cinema itself: register users and movies (each field's problem shown next to it, in the selected
// language), book seats on a seat map (movie → showtime → seats, taken ones from the booking-service), and
// list the chosen user's bookings.

import { getJson, sendJson } from './api.js';
import { t } from './i18n.js';
import { baseField, translateProblem } from './problems.js';

const ROW_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export class Cinema {
  #users = [];
  #movies = [];
  #taken = new Set();
  #chosen = new Set();
  #formState = new Map(); // form id -> last result, redrawn on a language switch

  start() {
    ['user-form', 'movie-form'].forEach((id) => this.#wireForm(document.getElementById(id)));
    document.getElementById('booking-user').addEventListener('change', () => this.#loadUserBookings());
    document.getElementById('booking-movie').addEventListener('change', () => this.#fillShowtimes());
    document.getElementById('booking-showtime').addEventListener('change', () => this.#loadSeats());
    document.getElementById('booking-reload').addEventListener('click', () => this.reload());
    document.getElementById('booking-submit').addEventListener('click', () => this.#book());
    document.addEventListener('languagechange', () => {
      this.#formState.forEach((state, id) => this.#showResult(document.getElementById(id), state));
      this.#renderSeats();
      this.#loadUserBookings();
    });
  }

  /** Reads the lists the first time the cinema is shown (not on page load: the lights stay the students'). */
  showing() {
    if (this.#loaded) return;
    this.#loaded = true;
    this.reload();
  }

  #loaded = false;

  async reload() {
    const [users, movies] = await Promise.all([getJson('/users/'), getJson('/movies/')]);
    this.#users = users.ok && Array.isArray(users.body) ? users.body : this.#users;
    this.#movies = movies.ok && Array.isArray(movies.body) ? movies.body : this.#movies;
    fillSelect(document.getElementById('booking-user'), this.#users, (u) => `${u.name} (#${u.id})`);
    fillSelect(document.getElementById('booking-movie'), this.#movies, (m) => m.title);
    this.#fillShowtimes();
    this.#loadUserBookings();
  }

  // ---- forms ----
  #wireForm(form) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = {};
      [...form.elements].filter((el) => el.name).forEach((el) => {
        const value = el.value.trim();
        if (value === '') return; // absent, so the service reports it as required
        body[el.name] = el.dataset.number !== undefined && /^-?\d+$/.test(value) ? Number(value) : value;
      });
      const button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      const r = await sendJson('POST', form.dataset.endpoint, body);
      button.disabled = false;
      this.#formState.set(form.id, r);
      this.#showResult(form, r);
      if (r.ok) {
        form.reset();
        this.reload();
      }
    });
  }

  #showResult(form, r) {
    const status = document.querySelector(`[data-status-for="${form.id}"]`);
    form.querySelectorAll('[data-error-for]').forEach((p) => { p.textContent = ''; });
    form.querySelectorAll('input').forEach((input) => input.removeAttribute('aria-invalid'));
    if (r.ok) {
      status.dataset.result = 'ok';
      status.textContent = t('cinema.created', { id: r.body?.id ?? '?', cluster: '', pod: '' }).replace(/ \(, \)$/, '');
      return;
    }
    status.dataset.result = 'error';
    const fields = r.status === 400 && Array.isArray(r.body?.fields) ? r.body.fields : [];
    if (fields.length === 0) {
      status.textContent = t('cinema.failed', { status: r.status, detail: r.body?.message ?? '' });
      return;
    }
    status.textContent = t('cinema.invalid', { count: fields.length });
    fields.forEach((f) => {
      const name = baseField(f.field);
      const slot = form.querySelector(`[data-error-for="${name}"]`);
      const input = form.querySelector(`[name="${name}"]`);
      if (slot) {
        slot.textContent = [slot.textContent, translateProblem(f.problem)].filter(Boolean).join(' ');
        if (input) {
          input.setAttribute('aria-invalid', 'true');
          slot.id = `${form.id}-${name}-error`;
          input.setAttribute('aria-describedby', slot.id);
        }
      } else {
        status.textContent += ` ${f.field}: ${translateProblem(f.problem)}`;
      }
    });
  }

  // ---- booking ----
  #fillShowtimes() {
    const movie = this.#movies.find((m) => String(m.id) === document.getElementById('booking-movie').value);
    const showtimes = movie?.showtimes ?? [];
    const select = document.getElementById('booking-showtime');
    fillSelect(select, showtimes, (s) => `${String(s.startsAt ?? '').replace('T', ' ')} · ${s.hall ?? ''}`);
    if (showtimes.length === 0) {
      const option = document.createElement('option');
      option.value = '';
      option.textContent = t('cinema.noShowtime');
      select.replaceChildren(option);
    }
    this.#loadSeats();
  }

  #showtime() {
    const movie = this.#movies.find((m) => String(m.id) === document.getElementById('booking-movie').value);
    return (movie?.showtimes ?? []).find((s) => String(s.id) === document.getElementById('booking-showtime').value);
  }

  async #loadSeats() {
    this.#chosen.clear();
    this.#taken.clear();
    const movieId = document.getElementById('booking-movie').value;
    const showtime = this.#showtime();
    if (movieId && showtime) {
      const r = await getJson(`/bookings/showtimes/${encodeURIComponent(movieId)}/${encodeURIComponent(showtime.id)}/seats`);
      (r.ok ? r.body?.taken ?? [] : []).forEach((seat) => this.#taken.add(seat));
    }
    this.#renderSeats();
  }

  #renderSeats() {
    const map = document.getElementById('seat-map');
    const showtime = this.#showtime();
    const rows = showtime?.seatMap?.rows ?? 0;
    const columns = showtime?.seatMap?.columns ?? 0;
    map.style.setProperty('--columns', String(columns));
    const seats = [];
    for (let r = 0; r < rows; r += 1) {
      for (let c = 1; c <= columns; c += 1) {
        const id = `${ROW_LETTERS[r]}${c}`;
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'seat';
        button.dataset.seat = id;
        button.textContent = id;
        const taken = this.#taken.has(id);
        button.disabled = taken;
        button.dataset.taken = String(taken);
        button.setAttribute('aria-pressed', String(this.#chosen.has(id)));
        button.setAttribute('aria-label', taken ? t('cinema.seat.taken', { seat: id }) : t('cinema.seat', { seat: id }));
        button.addEventListener('click', () => {
          if (this.#chosen.has(id)) this.#chosen.delete(id);
          else this.#chosen.add(id);
          button.setAttribute('aria-pressed', String(this.#chosen.has(id)));
          this.#showSelection();
        });
        seats.push(button);
      }
    }
    map.replaceChildren(...seats);
    this.#showSelection();
  }

  #showSelection() {
    document.getElementById('seat-selection').textContent = this.#chosen.size === 0
      ? t('cinema.selection.none') : t('cinema.selection', { seats: [...this.#chosen].join(', ') });
  }

  async #book() {
    const status = document.getElementById('booking-status');
    const seatError = document.querySelector('[data-error-for="seats"]');
    const request = {
      userId: document.getElementById('booking-user').value,
      movieId: document.getElementById('booking-movie').value,
      showtimeId: document.getElementById('booking-showtime').value,
      seats: [...this.#chosen],
    };
    const r = await sendJson('POST', '/bookings/', request);
    seatError.textContent = '';
    if (r.ok) {
      status.dataset.result = 'ok';
      status.textContent = t('cinema.booked', { id: r.body?.id ?? '?', seats: request.seats.join(', ') });
      await this.#loadSeats();
      this.#loadUserBookings();
      return;
    }
    status.dataset.result = 'error';
    const fields = Array.isArray(r.body?.fields) ? r.body.fields : [];
    if (fields.length > 0) {
      status.textContent = t('cinema.invalid', { count: fields.length });
      seatError.textContent = fields.map((f) => `${t(`field.${baseField(f.field)}`)}: ${translateProblem(f.problem)}`).join(' ');
    } else {
      status.textContent = r.status === 409 ? t('problem.taken') : t('cinema.failed', { status: r.status, detail: r.body?.message ?? '' });
      if (r.status === 409) await this.#loadSeats();
    }
  }

  async #loadUserBookings() {
    const userId = document.getElementById('booking-user').value;
    const list = document.getElementById('user-bookings');
    if (!userId) {
      list.replaceChildren();
      return;
    }
    const r = await getJson(`/bookings/user/${encodeURIComponent(userId)}`);
    const bookings = r.ok ? (Array.isArray(r.body) ? r.body : (r.body?.bookings ?? [])) : [];
    if (bookings.length === 0) {
      const li = document.createElement('li');
      li.className = 'data__item';
      li.textContent = r.ok ? t('cinema.mine.empty') : t('cinema.failed', { status: r.status, detail: '' });
      list.replaceChildren(li);
      return;
    }
    list.replaceChildren(...bookings.map((b) => {
      const li = document.createElement('li');
      li.className = 'data__item';
      const movie = this.#movies.find((m) => String(m.id) === String(b.movieId));
      li.textContent = t('cinema.booking.item', {
        id: b.id, movie: movie?.title ?? b.movieId, showtime: b.showtimeId, seats: (b.seats ?? []).join(', '),
      });
      return li;
    }));
  }
}

function fillSelect(select, items, label) {
  const previous = select.value;
  select.replaceChildren(...items.map((item) => {
    const option = document.createElement('option');
    option.value = String(item.id);
    option.textContent = label(item);
    return option;
  }));
  if (items.some((item) => String(item.id) === previous)) select.value = previous;
}
