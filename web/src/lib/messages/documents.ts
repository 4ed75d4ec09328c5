import type { Lang } from '@layan/domain';

/** Interface text for the documents pages; merged into i18n.ts (keys are prefixed by area). */
export const documentsMessages = {
  'verify.title': { id: 'Periksa keaslian dokumen', en: 'Check a document' },
  'verify.lead': {
    id: 'Dokumen keluaran Layan ditandatangani secara elektronik. Pindai kode QR pada surat, tempel kodenya, atau unggah berkas PDF-nya untuk memastikan dokumen itu asli, utuh, dan belum dicabut.',
    en: 'Layan’s output documents are signed electronically. Scan the QR code on the letter, paste its code, or upload the PDF file to make sure the document is genuine, unaltered and not revoked.',
  },
  'verify.resultTitle': { id: 'Hasil pemeriksaan', en: 'Result' },
  'verify.valid': { id: 'Dokumen SAH', en: 'Document is VALID' },
  'verify.validLead': {
    id: 'Tanda tangan elektroniknya cocok: dokumen ini diterbitkan oleh instansi di bawah dan tidak diubah sedikit pun.',
    en: 'Its electronic signature matches: this document was issued by the agency below and has not been changed in any way.',
  },
  'verify.revoked': { id: 'Dokumen DICABUT', en: 'Document REVOKED' },
  'verify.revokedLead': {
    id: 'Dokumen ini asli, tetapi sudah dicabut oleh penerbitnya pada {date} dan tidak berlaku lagi.',
    en: 'This document is genuine, but its issuer revoked it on {date}; it is no longer in force.',
  },
  'verify.invalid': { id: 'Dokumen TIDAK SAH', en: 'Document is NOT VALID' },
  'verify.invalidLead': {
    id: 'Jangan terima dokumen ini. Alasannya:',
    en: 'Do not accept this document. The reason:',
  },
  'verify.reason.malformed': {
    id: 'Ini bukan dokumen atau kode Layan, atau isinya terpotong.',
    en: 'This is not a Layan document or code, or it has been cut short.',
  },
  'verify.reason.not_signed': {
    id: 'Berkas PDF ini tidak membawa tanda tangan elektronik Layan.',
    en: 'This PDF carries no Layan electronic signature.',
  },
  'verify.reason.unknown_key': {
    id: 'Ditandatangani dengan kunci yang tidak dikenal.',
    en: 'It was signed with an unknown key.',
  },
  'verify.reason.wrong_tenant': {
    id: 'Kunci penandatangannya milik Pemda lain daripada yang tertulis di dokumen.',
    en: 'The signing key belongs to another Pemda than the one the document names.',
  },
  'verify.reason.bad_signature': {
    id: 'Isi kode tidak cocok dengan tanda tangannya: kode diubah atau dipalsukan.',
    en: 'The code does not match its signature: it was altered or forged.',
  },
  'verify.reason.file_altered': {
    id: 'Berkas tidak cocok dengan tanda tangannya: sedikitnya satu bait berkas telah diubah.',
    en: 'The file does not match its signature: at least one byte of it has been changed.',
  },
  'verify.reason.key_mismatch': {
    id: 'Berkas dan kode QR di dalamnya ditandatangani dengan kunci yang berbeda.',
    en: 'The file and the QR code inside it were signed with different keys.',
  },
  'verify.reason.not_registered': {
    id: 'Tanda tangannya sah, tetapi dokumen ini tidak pernah diterbitkan oleh Layan di sini.',
    en: 'Its signature is valid, but this document was never issued by this Layan server.',
  },
  'verify.facts': { id: 'Isi dokumen', en: 'What the document says' },
  'verify.docTitle': { id: 'Judul', en: 'Title' },
  'verify.decision': { id: 'Keputusan', en: 'Decision' },
  'verify.approved': { id: 'Disetujui', en: 'Approved' },
  'verify.rejected': { id: 'Ditolak', en: 'Rejected' },
  'verify.recipient': { id: 'Diberikan kepada', en: 'Issued to' },
  'verify.agency': { id: 'Instansi', en: 'Agency' },
  'verify.tenant': { id: 'Pemerintah daerah', en: 'Local government' },
  'verify.issued': { id: 'Tanggal terbit', en: 'Issued on' },
  'verify.documentId': { id: 'Nomor dokumen', en: 'Document number' },
  'verify.key': { id: 'Kunci tanda tangan', en: 'Signing key' },
  'verify.keyActive': { id: 'aktif', en: 'active' },
  'verify.keyRetired': { id: 'sudah diganti, tetap sah untuk dokumen lama', en: 'replaced, still valid for older documents' },
  'verify.uploaded': { id: 'Berkas yang diperiksa: {name}', en: 'File checked: {name}' },
  'verify.payloadTitle': { id: 'Tempel kode dari QR', en: 'Paste the code from the QR' },
  'verify.payloadLabel': { id: 'Kode atau tautan verifikasi', en: 'Code or verification link' },
  'verify.payloadHint': {
    id: 'Kode diawali “L1.”, atau tautan yang diawali alamat halaman ini.',
    en: 'The code starts with “L1.”, or the link starts with this page’s address.',
  },
  'verify.check': { id: 'Periksa', en: 'Check' },
  'verify.uploadTitle': { id: 'Unggah berkas PDF', en: 'Upload the PDF file' },
  'verify.fileLabel': { id: 'Berkas PDF dokumen', en: 'The document’s PDF file' },
  'verify.fileHint': {
    id: 'Berkas asli seperti yang Anda unduh, paling besar 5 MB. Seluruh isi berkas diperiksa.',
    en: 'The file as you downloaded it, at most 5 MB. Every byte of it is checked.',
  },
  'verify.upload': { id: 'Unggah dan periksa', en: 'Upload and check' },
  'verify.fileRequired': { id: 'Pilih berkas PDF yang akan diperiksa.', en: 'Choose the PDF file to check.' },
  'verify.fileTooLarge': {
    id: 'Berkas lebih dari 5 MB; dokumen Layan jauh lebih kecil.',
    en: 'The file is over 5 MB; Layan documents are much smaller.',
  },
  'verify.payloadRequired': { id: 'Tempel kode dari QR terlebih dahulu.', en: 'Paste the code from the QR first.' },
  'verify.errorSummary': { id: 'Ada masalah', en: 'There is a problem' },
  'verify.errorPrefix': { id: 'Galat:', en: 'Error:' },
  'verify.offlineTitle': { id: 'Memeriksa tanpa internet', en: 'Checking offline' },
  'verify.offlineKeys': { id: 'Kunci publik semua Pemda tersedia di', en: 'The public keys of every Pemda are at' },
  'verify.offlineCli': {
    id: 'Dengan salinannya, perintah “npx layan verify berkas.pdf --keys kunci.json” memeriksa dokumen tanpa koneksi ke server ini.',
    en: 'With a copy of them, “npx layan verify file.pdf --keys keys.json” checks a document without reaching this server.',
  },
} as const satisfies Record<string, Record<Lang, string>>;
