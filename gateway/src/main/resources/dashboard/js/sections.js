// The three sections of the page: which list each one reads through the gateway and how an item is shown.

export const SECTIONS = [
  {
    id: 'users', titleKey: 'section.users', service: 'user-service', path: '/users/',
    title: ['name', 'username'], details: ['email', 'phone'],
  },
  {
    id: 'movies', titleKey: 'section.movies', service: 'movie-service', path: '/movies/',
    title: ['title', 'name'], details: ['genre', 'director', 'year', 'duration', 'rating'],
  },
  {
    id: 'bookings', titleKey: 'section.bookings', service: 'booking-service', path: '/bookings/',
    title: ['movieTitle', 'id'], details: ['userName', 'userId', 'movieId', 'seats', 'bookingTime', 'status'],
  },
];

const MAX_FALLBACK_DETAILS = 4;

/** The items of a list response: a JSON array, or the first array inside a JSON object. */
export function itemsOf(body) {
  if (Array.isArray(body)) {
    return body;
  }
  if (body && typeof body === 'object') {
    return Object.values(body).find(Array.isArray) ?? [];
  }
  return [];
}

/** An item as a title and [field, value] details, using the section's preferred fields when present. */
export function describeItem(section, item) {
  const scalar = (key) => item[key] !== null && item[key] !== undefined && typeof item[key] !== 'object';
  const titleKey = section.title.find(scalar);
  const preferred = section.details.filter((key) => key !== titleKey && scalar(key));
  const details = preferred.length > 0
    ? preferred
    : Object.keys(item).filter((key) => key !== titleKey && scalar(key)).slice(0, MAX_FALLBACK_DETAILS);
  return {
    title: titleKey === undefined ? JSON.stringify(item) : `${titleKey === 'id' ? '#' : ''}${item[titleKey]}`,
    details: details.map((key) => [key, String(item[key])]),
  };
}
