// The shared header's link to the admin console (/admin): shown to admins only. The server
// decides who gets the console; this only spares others a link they cannot use.

export function showAdminLink(me, lang) {
  const link = document.getElementById('to-admin');
  if (!link || me?.role !== 'admin') return;
  link.textContent = lang === 'en' ? 'Admin' : '管理';
  link.href = lang === 'en' ? '/admin?lang=en' : '/admin';
  link.hidden = false;
}
