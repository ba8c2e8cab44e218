/**
 * Who newsletter mail comes from. Left empty in the settings, the sender is the site
 * itself: its name, and `newsletter@` its public domain, so a fresh site never mails as
 * "Blattwerk <noreply@…>". The settings page shows these defaults as placeholders.
 *
 * @example
 *   newsletterFrom('Lindenauer Zeitung', { senderName: '', senderEmail: '' }, 'https://lindenau.example');
 *   // { name: 'Lindenauer Zeitung', address: 'newsletter@lindenau.example' }
 */

/** The public host as a mail domain; loopback and bare addresses get the reserved local name. */
export function mailDomainOf(publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(host) ? host.toLowerCase() : 'localhost.localdomain';
}

export function defaultSenderAddress(publicUrl: string): string {
  return `newsletter@${mailDomainOf(publicUrl)}`;
}

export function newsletterFrom(siteTitle: string, newsletter: { senderName: string; senderEmail: string }, publicUrl: string): { name: string; address: string } {
  return {
    name: newsletter.senderName.trim() || siteTitle,
    address: newsletter.senderEmail.trim() || defaultSenderAddress(publicUrl),
  };
}
