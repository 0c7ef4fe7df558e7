import { defineMessages } from '@plaza/web';

/** Strings of the account pages and emails (sign-in, registration, confirmation, terms). */
export const accountsT = defineMessages('accounts', {
  en: {
    'email.title': 'Change my email address',
    'email.new': 'New email address',
    'email.currentPassword': 'Current password',
    'email.submit': 'Send a confirmation link',
    'email.sent':
      'We sent a link to {email}. Your address changes when you follow it (within 24 hours).',
    'email.pending': 'Waiting for confirmation: {email}',
    'email.done': 'Your email address is now {email}.',
    'email.invalid': 'This link is not valid or has expired.',
    'email.mailSubject': 'Confirm your new email address on {site}',
    'email.mailBody':
      'Hello {name},\n\nTo use this address on {site}, open this link within 24 hours:\n{url}\n\nIf you did not ask for it, ignore this message.',
    'email.changedSubject': 'Your email address on {site} was changed',
    'email.changedBody':
      'Hello {name},\n\nThe email address of your account on {site} is now {email}. If you did not do it, reset your password and contact the organization.',
    'error.passwordWrong': 'The password is not correct.',
    'twoFactor.title': 'Two-factor sign-in',
    'twoFactor.intro': 'Enter the 6-digit code shown by your authenticator app.',
    'twoFactor.code': 'Code',
    'twoFactor.submit': 'Verify',
    'twoFactor.invalid': 'This code is not correct or has expired.',
    'twoFactor.unavailable':
      'Two-factor sign-in cannot be checked right now. Please contact the organization.',
    'twoFactor.on': 'Two-factor sign-in is on.',
    'twoFactor.off':
      'Two-factor sign-in is off. With it, signing in also asks for a code from an app on your phone.',
    'twoFactor.enableLink': 'Turn on two-factor sign-in',
    'twoFactor.setupIntro':
      'Scan this QR code with an authenticator app (or type the key below), then enter the code it shows.',
    'twoFactor.qrAlt': 'QR code that adds this account to an authenticator app',
    'twoFactor.key': 'Key: {key}',
    'twoFactor.enable': 'Turn on',
    'twoFactor.disable': 'Turn off two-factor sign-in',
    'twoFactor.required':
      'This organization requires two-factor sign-in for administrators: turn it on to use the administration.',
    'account.exportTitle': 'Download my data',
    'account.exportHint':
      'We prepare an archive of everything this site keeps about you (JSON and CSV files) and email you a link to it. The link works for 7 days, for you only once signed in.',
    'account.exportSubmit': 'Prepare my archive',
    'account.exportRequested':
      'We are preparing your archive and will email you a link as soon as it is ready.',
    'export.expired':
      'This archive does not exist or has expired. You can ask for a new one from your account page.',
    'export.mailSubject': 'Your data from {site} is ready',
    'export.mailBody':
      'Hello {name},\n\nThe archive of your data on {site} is ready. Sign in and open this link within 7 days to download it:\n{url}\n\nIf you did not ask for it, change your password.',
    'account.title': 'My account',
    'account.email': 'Email address: {email}',
    'account.unconfirmed':
      'Your email address is not confirmed yet: you can browse the site but not take part.',
    'account.sessionsTitle': 'Sessions',
    'account.sessionsHint': 'Signs you out on every device and browser, this one included.',
    'account.signOutEverywhere': 'Sign out everywhere',
    'account.deleteTitle': 'Delete my account',
    'account.deleteHint':
      'Your name, nickname and email address are erased and you are signed out everywhere. What you published stays, shown as written by a deleted participant. This cannot be undone.',
    'account.deleteReason': 'Why are you leaving? (optional)',
    'account.deleteConfirm': 'I understand that my account will be deleted for good',
    'account.deleteSubmit': 'Delete my account',
    'account.deleted': 'Your account has been deleted. Thank you for taking part.',
    'error.deleteConfirm': 'Tick the box to confirm that you want to delete your account.',
    'error.reasonLong': 'The reason may have at most 500 characters.',
    'field.newPassword': 'New password',
    'signIn.forgot': 'Forgot your password?',
    'reset.title': 'Forgotten password',
    'reset.intro':
      'Enter the email address of your account: we will send it a link to choose a new password.',
    'reset.submit': 'Send me a link',
    'reset.sent':
      'If an account uses {email}, we sent it a link to choose a new password. The link works for 2 hours.',
    'reset.editTitle': 'Choose a new password',
    'reset.editSubmit': 'Save my new password',
    'reset.invalid':
      'This link is not valid or has expired. Ask for a new one from the sign-in page.',
    'reset.mailSubject': 'Choose a new password on {site}',
    'reset.mailBody':
      'Hello {name},\n\nTo choose a new password on {site}, open this link within 2 hours:\n{url}\n\nIf you did not ask for it, ignore this message: your password does not change.',
    'invite.title': 'Accept your invitation',
    'invite.intro': 'Welcome to {site}. Choose your nickname and password to finish your account.',
    'invite.submit': 'Accept the invitation',
    'invite.invalid':
      'This invitation is not valid or has expired. Ask the organization for a new one.',
    'invite.mailSubject': 'Your invitation to {site}',
    'invite.mailBody':
      'Hello {name},\n\nYou are invited to {site}. To accept and choose your password, open this link within 7 days:\n{url}\n\nIf you did not expect this invitation, ignore this message.',
    'form.errorsTitle': 'There is a problem',
    'field.email': 'Email address',
    'field.password': 'Password',
    'field.passwordHint': 'At least 12 characters.',
    'field.name': 'Name',
    'field.nickname': 'Nickname',
    'field.nicknameHint': 'Letters, digits and underscores; shown in the address of your profile.',
    'field.tos': 'I have read and accept the {link}',
    'field.tosLink': 'terms of service',
    'field.newsletter': 'I want to receive the newsletter of this site',
    'signIn.title': 'Sign in',
    'signIn.submit': 'Sign in',
    'signIn.noAccount': 'No account yet?',
    'signIn.signUpLink': 'Create an account',
    'signIn.invalid': 'The email address or the password is not correct.',
    'signIn.tooMany': 'Too many attempts. Please wait {minutes} minute(s) and try again.',
    'signUp.title': 'Create an account',
    'signUp.submit': 'Create my account',
    'signUp.haveAccount': 'Already have an account?',
    'signUp.closed': 'This site does not accept new accounts.',
    'signUp.invitationOnly':
      'Accounts on this site are created by invitation only. Ask the organization for an invitation.',
    'signUp.checkEmailTitle': 'Check your email',
    'signUp.checkEmail':
      'We sent a message to {email}. Follow its link to confirm your address, then sign in.',
    'error.emailInvalid': 'Enter an email address such as name@example.org.',
    'error.passwordRequired': 'Enter your password.',
    'error.passwordShort': 'The password must have at least 12 characters.',
    'error.passwordLong': 'The password may have at most 256 characters.',
    'error.nameRequired': 'Enter your name (at most 200 characters).',
    'error.nicknameInvalid':
      'The nickname must have 2 to 40 letters, digits or underscores, and no spaces.',
    'error.nicknameTaken': 'This nickname is already used; choose another one.',
    'error.tosRequired': 'You must accept the terms of service to create an account.',
    'confirm.title': 'Email confirmation',
    'confirm.done': 'Thank you, your email address is confirmed.',
    'confirm.invalid':
      'This confirmation link is not valid or has expired. Sign in to receive a new one.',
    'confirm.mailSubject': 'Confirm your email address on {site}',
    'confirm.mailBody':
      'Hello {name},\n\nTo confirm your email address on {site}, open this link within 3 days:\n{url}\n\nIf you did not create this account, ignore this message.',
    'confirm.resend': 'Send the confirmation email again',
    'confirm.resent': 'We sent a new confirmation link to your email address.',
    'taken.mailSubject': 'Someone tried to create an account with your address on {site}',
    'taken.mailBody':
      'Hello,\n\nSomeone tried to create an account on {site} with your email address, which already has one. If it was you, sign in here:\n{url}\n\nOtherwise, ignore this message.',
    'participate.unconfirmed':
      'Confirm your email address to take part: follow the link we sent you.',
    'terms.title': 'Terms of service',
    'terms.changed':
      'The terms of service have changed. Please read them and accept them to keep taking part.',
    'terms.accept': 'I have read and accept these terms of service',
    'terms.submit': 'Continue',
    'terms.required': 'You must accept the terms of service to take part.',
  },
  fr: {
    'email.title': 'Changer mon adresse e-mail',
    'email.new': 'Nouvelle adresse e-mail',
    'email.currentPassword': 'Mot de passe actuel',
    'email.submit': 'Envoyer un lien de confirmation',
    'email.sent':
      'Nous avons envoyé un lien à {email}. Votre adresse change quand vous le suivez (dans les 24 heures).',
    'email.pending': 'En attente de confirmation : {email}',
    'email.done': 'Votre adresse e-mail est désormais {email}.',
    'email.invalid': "Ce lien n'est pas valide ou a expiré.",
    'email.mailSubject': 'Confirmez votre nouvelle adresse e-mail sur {site}',
    'email.mailBody':
      "Bonjour {name},\n\nPour utiliser cette adresse sur {site}, ouvrez ce lien dans les 24 heures :\n{url}\n\nSi vous ne l'avez pas demandé, ignorez ce message.",
    'email.changedSubject': 'Votre adresse e-mail sur {site} a changé',
    'email.changedBody':
      "Bonjour {name},\n\nL'adresse e-mail de votre compte sur {site} est désormais {email}. Si ce n'est pas vous, réinitialisez votre mot de passe et contactez l'organisation.",
    'error.passwordWrong': "Le mot de passe n'est pas correct.",
    'twoFactor.title': 'Connexion à deux facteurs',
    'twoFactor.intro':
      'Saisissez le code à 6 chiffres affiché par votre application d’authentification.',
    'twoFactor.code': 'Code',
    'twoFactor.submit': 'Vérifier',
    'twoFactor.invalid': "Ce code n'est pas correct ou a expiré.",
    'twoFactor.unavailable':
      "La connexion à deux facteurs ne peut pas être vérifiée pour le moment. Veuillez contacter l'organisation.",
    'twoFactor.on': 'La connexion à deux facteurs est activée.',
    'twoFactor.off':
      'La connexion à deux facteurs est désactivée. Activée, la connexion demande aussi un code fourni par une application sur votre téléphone.',
    'twoFactor.enableLink': 'Activer la connexion à deux facteurs',
    'twoFactor.setupIntro':
      "Scannez ce QR code avec une application d'authentification (ou saisissez la clé ci-dessous), puis saisissez le code qu'elle affiche.",
    'twoFactor.qrAlt': "QR code qui ajoute ce compte à une application d'authentification",
    'twoFactor.key': 'Clé : {key}',
    'twoFactor.enable': 'Activer',
    'twoFactor.disable': 'Désactiver la connexion à deux facteurs',
    'twoFactor.required':
      "Cette organisation exige la connexion à deux facteurs pour les administrateurs : activez-la pour utiliser l'administration.",
    'account.exportTitle': 'Télécharger mes données',
    'account.exportHint':
      'Nous préparons une archive de tout ce que ce site conserve sur vous (fichiers JSON et CSV) et vous envoyons son lien par e-mail. Le lien fonctionne 7 jours, pour vous seul·e une fois connecté·e.',
    'account.exportSubmit': 'Préparer mon archive',
    'account.exportRequested':
      'Nous préparons votre archive et vous enverrons un lien par e-mail dès qu’elle sera prête.',
    'export.expired':
      "Cette archive n'existe pas ou a expiré. Vous pouvez en demander une nouvelle depuis la page de votre compte.",
    'export.mailSubject': 'Vos données de {site} sont prêtes',
    'export.mailBody':
      "Bonjour {name},\n\nL'archive de vos données sur {site} est prête. Connectez-vous et ouvrez ce lien dans les 7 jours pour la télécharger :\n{url}\n\nSi vous ne l'avez pas demandée, changez votre mot de passe.",
    'account.title': 'Mon compte',
    'account.email': 'Adresse e-mail : {email}',
    'account.unconfirmed':
      "Votre adresse e-mail n'est pas encore confirmée : vous pouvez parcourir le site mais pas participer.",
    'account.sessionsTitle': 'Sessions',
    'account.sessionsHint':
      'Vous déconnecte sur tous les appareils et navigateurs, y compris celui-ci.',
    'account.signOutEverywhere': 'Se déconnecter partout',
    'account.deleteTitle': 'Supprimer mon compte',
    'account.deleteHint':
      'Votre nom, votre pseudonyme et votre adresse e-mail sont effacés et vous êtes déconnecté·e partout. Ce que vous avez publié reste, attribué à un participant supprimé. Cette action est définitive.',
    'account.deleteReason': 'Pourquoi partez-vous ? (facultatif)',
    'account.deleteConfirm': 'Je comprends que mon compte sera supprimé définitivement',
    'account.deleteSubmit': 'Supprimer mon compte',
    'account.deleted': 'Votre compte a été supprimé. Merci pour votre participation.',
    'error.deleteConfirm': 'Cochez la case pour confirmer que vous voulez supprimer votre compte.',
    'error.reasonLong': 'La raison peut comporter au plus 500 caractères.',
    'field.newPassword': 'Nouveau mot de passe',
    'signIn.forgot': 'Mot de passe oublié ?',
    'reset.title': 'Mot de passe oublié',
    'reset.intro':
      "Saisissez l'adresse e-mail de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe.",
    'reset.submit': "M'envoyer un lien",
    'reset.sent':
      'Si un compte utilise {email}, nous lui avons envoyé un lien pour choisir un nouveau mot de passe. Le lien est valable 2 heures.',
    'reset.editTitle': 'Choisir un nouveau mot de passe',
    'reset.editSubmit': 'Enregistrer mon nouveau mot de passe',
    'reset.invalid':
      "Ce lien n'est pas valide ou a expiré. Demandez-en un nouveau depuis la page de connexion.",
    'reset.mailSubject': 'Choisissez un nouveau mot de passe sur {site}',
    'reset.mailBody':
      "Bonjour {name},\n\nPour choisir un nouveau mot de passe sur {site}, ouvrez ce lien dans les 2 heures :\n{url}\n\nSi vous ne l'avez pas demandé, ignorez ce message : votre mot de passe ne change pas.",
    'invite.title': 'Accepter votre invitation',
    'invite.intro':
      'Bienvenue sur {site}. Choisissez votre pseudonyme et votre mot de passe pour finaliser votre compte.',
    'invite.submit': "Accepter l'invitation",
    'invite.invalid':
      "Cette invitation n'est pas valide ou a expiré. Demandez-en une nouvelle à l'organisation.",
    'invite.mailSubject': 'Votre invitation sur {site}',
    'invite.mailBody':
      "Bonjour {name},\n\nVous êtes invité·e sur {site}. Pour accepter et choisir votre mot de passe, ouvrez ce lien dans les 7 jours :\n{url}\n\nSi vous n'attendiez pas cette invitation, ignorez ce message.",
    'form.errorsTitle': 'Il y a un problème',
    'field.email': 'Adresse e-mail',
    'field.password': 'Mot de passe',
    'field.passwordHint': 'Au moins 12 caractères.',
    'field.name': 'Nom',
    'field.nickname': 'Pseudonyme',
    'field.nicknameHint':
      "Lettres, chiffres et tirets bas ; affiché dans l'adresse de votre profil.",
    'field.tos': "J'ai lu et j'accepte les {link}",
    'field.tosLink': "conditions d'utilisation",
    'field.newsletter': 'Je souhaite recevoir la lettre d’information de ce site',
    'signIn.title': 'Se connecter',
    'signIn.submit': 'Se connecter',
    'signIn.noAccount': 'Pas encore de compte ?',
    'signIn.signUpLink': 'Créer un compte',
    'signIn.invalid': "L'adresse e-mail ou le mot de passe n'est pas correct.",
    'signIn.tooMany': 'Trop de tentatives. Patientez {minutes} minute(s) puis réessayez.',
    'signUp.title': 'Créer un compte',
    'signUp.submit': 'Créer mon compte',
    'signUp.haveAccount': 'Vous avez déjà un compte ?',
    'signUp.closed': "Ce site n'accepte pas de nouveaux comptes.",
    'signUp.invitationOnly':
      "Les comptes de ce site sont créés uniquement sur invitation. Demandez une invitation à l'organisation.",
    'signUp.checkEmailTitle': 'Consultez vos e-mails',
    'signUp.checkEmail':
      'Nous avons envoyé un message à {email}. Suivez son lien pour confirmer votre adresse, puis connectez-vous.',
    'error.emailInvalid': 'Saisissez une adresse e-mail comme nom@exemple.org.',
    'error.passwordRequired': 'Saisissez votre mot de passe.',
    'error.passwordShort': 'Le mot de passe doit comporter au moins 12 caractères.',
    'error.passwordLong': 'Le mot de passe peut comporter au plus 256 caractères.',
    'error.nameRequired': 'Saisissez votre nom (200 caractères au plus).',
    'error.nicknameInvalid':
      'Le pseudonyme doit comporter de 2 à 40 lettres, chiffres ou tirets bas, sans espace.',
    'error.nicknameTaken': 'Ce pseudonyme est déjà utilisé ; choisissez-en un autre.',
    'error.tosRequired': "Vous devez accepter les conditions d'utilisation pour créer un compte.",
    'confirm.title': "Confirmation de l'adresse e-mail",
    'confirm.done': 'Merci, votre adresse e-mail est confirmée.',
    'confirm.invalid':
      "Ce lien de confirmation n'est pas valide ou a expiré. Connectez-vous pour en recevoir un nouveau.",
    'confirm.mailSubject': 'Confirmez votre adresse e-mail sur {site}',
    'confirm.mailBody':
      "Bonjour {name},\n\nPour confirmer votre adresse e-mail sur {site}, ouvrez ce lien dans les 3 jours :\n{url}\n\nSi vous n'avez pas créé ce compte, ignorez ce message.",
    'confirm.resend': "Renvoyer l'e-mail de confirmation",
    'confirm.resent': 'Nous avons envoyé un nouveau lien de confirmation à votre adresse e-mail.',
    'taken.mailSubject': "Quelqu'un a tenté de créer un compte avec votre adresse sur {site}",
    'taken.mailBody':
      "Bonjour,\n\nQuelqu'un a tenté de créer un compte sur {site} avec votre adresse e-mail, qui en a déjà un. Si c'était vous, connectez-vous ici :\n{url}\n\nSinon, ignorez ce message.",
    'participate.unconfirmed':
      'Confirmez votre adresse e-mail pour participer : suivez le lien que nous vous avons envoyé.',
    'terms.title': "Conditions d'utilisation",
    'terms.changed':
      "Les conditions d'utilisation ont changé. Lisez-les et acceptez-les pour continuer à participer.",
    'terms.accept': "J'ai lu et j'accepte ces conditions d'utilisation",
    'terms.submit': 'Continuer',
    'terms.required': "Vous devez accepter les conditions d'utilisation pour participer.",
  },
  es: {
    'email.title': 'Cambiar mi correo electrónico',
    'email.new': 'Nuevo correo electrónico',
    'email.currentPassword': 'Contraseña actual',
    'email.submit': 'Enviar un enlace de confirmación',
    'email.sent':
      'Hemos enviado un enlace a {email}. Su dirección cambia cuando lo siga (en 24 horas).',
    'email.pending': 'Pendiente de confirmación: {email}',
    'email.done': 'Su correo electrónico es ahora {email}.',
    'email.invalid': 'Este enlace no es válido o ha caducado.',
    'email.mailSubject': 'Confirme su nuevo correo electrónico en {site}',
    'email.mailBody':
      'Hola {name}:\n\nPara usar esta dirección en {site}, abra este enlace en las próximas 24 horas:\n{url}\n\nSi no lo ha pedido, ignore este mensaje.',
    'email.changedSubject': 'Su correo electrónico en {site} ha cambiado',
    'email.changedBody':
      'Hola {name}:\n\nEl correo electrónico de su cuenta en {site} es ahora {email}. Si no ha sido usted, restablezca su contraseña y contacte con la organización.',
    'error.passwordWrong': 'La contraseña no es correcta.',
    'twoFactor.title': 'Inicio de sesión en dos pasos',
    'twoFactor.intro': 'Escriba el código de 6 cifras que muestra su aplicación de autenticación.',
    'twoFactor.code': 'Código',
    'twoFactor.submit': 'Verificar',
    'twoFactor.invalid': 'Este código no es correcto o ha caducado.',
    'twoFactor.unavailable':
      'El inicio de sesión en dos pasos no se puede comprobar en este momento. Ponte en contacto con la organización.',
    'twoFactor.on': 'El inicio de sesión en dos pasos está activado.',
    'twoFactor.off':
      'El inicio de sesión en dos pasos está desactivado. Si lo activa, al iniciar sesión también se pide un código de una aplicación de su teléfono.',
    'twoFactor.enableLink': 'Activar el inicio de sesión en dos pasos',
    'twoFactor.setupIntro':
      'Escanee este código QR con una aplicación de autenticación (o escriba la clave de abajo) y luego escriba el código que muestra.',
    'twoFactor.qrAlt': 'Código QR que añade esta cuenta a una aplicación de autenticación',
    'twoFactor.key': 'Clave: {key}',
    'twoFactor.enable': 'Activar',
    'twoFactor.disable': 'Desactivar el inicio de sesión en dos pasos',
    'twoFactor.required':
      'Esta organización exige el inicio de sesión en dos pasos a los administradores: actívelo para usar la administración.',
    'account.exportTitle': 'Descargar mis datos',
    'account.exportHint':
      'Preparamos un archivo con todo lo que este sitio guarda sobre usted (ficheros JSON y CSV) y le enviamos su enlace por correo. El enlace funciona durante 7 días, solo para usted tras iniciar sesión.',
    'account.exportSubmit': 'Preparar mi archivo',
    'account.exportRequested':
      'Estamos preparando su archivo y le enviaremos un enlace por correo en cuanto esté listo.',
    'export.expired':
      'Este archivo no existe o ha caducado. Puede pedir uno nuevo desde la página de su cuenta.',
    'export.mailSubject': 'Sus datos de {site} están listos',
    'export.mailBody':
      'Hola {name}:\n\nEl archivo con sus datos en {site} está listo. Inicie sesión y abra este enlace en los próximos 7 días para descargarlo:\n{url}\n\nSi no lo ha pedido, cambie su contraseña.',
    'account.title': 'Mi cuenta',
    'account.email': 'Correo electrónico: {email}',
    'account.unconfirmed':
      'Su correo electrónico aún no está confirmado: puede navegar por el sitio pero no participar.',
    'account.sessionsTitle': 'Sesiones',
    'account.sessionsHint':
      'Cierra su sesión en todos los dispositivos y navegadores, incluido este.',
    'account.signOutEverywhere': 'Cerrar sesión en todas partes',
    'account.deleteTitle': 'Eliminar mi cuenta',
    'account.deleteHint':
      'Su nombre, su alias y su correo electrónico se borran y se cierran todas sus sesiones. Lo que ha publicado se conserva, atribuido a un participante eliminado. No se puede deshacer.',
    'account.deleteReason': '¿Por qué se va? (opcional)',
    'account.deleteConfirm': 'Entiendo que mi cuenta se eliminará definitivamente',
    'account.deleteSubmit': 'Eliminar mi cuenta',
    'account.deleted': 'Su cuenta se ha eliminado. Gracias por participar.',
    'error.deleteConfirm': 'Marque la casilla para confirmar que quiere eliminar su cuenta.',
    'error.reasonLong': 'El motivo puede tener como máximo 500 caracteres.',
    'field.newPassword': 'Nueva contraseña',
    'signIn.forgot': '¿Ha olvidado su contraseña?',
    'reset.title': 'Contraseña olvidada',
    'reset.intro':
      'Escriba el correo electrónico de su cuenta: le enviaremos un enlace para elegir una nueva contraseña.',
    'reset.submit': 'Enviarme un enlace',
    'reset.sent':
      'Si una cuenta usa {email}, le hemos enviado un enlace para elegir una nueva contraseña. El enlace es válido durante 2 horas.',
    'reset.editTitle': 'Elegir una nueva contraseña',
    'reset.editSubmit': 'Guardar mi nueva contraseña',
    'reset.invalid':
      'Este enlace no es válido o ha caducado. Pida uno nuevo desde la página de inicio de sesión.',
    'reset.mailSubject': 'Elija una nueva contraseña en {site}',
    'reset.mailBody':
      'Hola {name}:\n\nPara elegir una nueva contraseña en {site}, abra este enlace en las próximas 2 horas:\n{url}\n\nSi no lo ha pedido, ignore este mensaje: su contraseña no cambia.',
    'invite.title': 'Aceptar su invitación',
    'invite.intro':
      'Bienvenido/a a {site}. Elija su alias y su contraseña para completar su cuenta.',
    'invite.submit': 'Aceptar la invitación',
    'invite.invalid':
      'Esta invitación no es válida o ha caducado. Pida una nueva a la organización.',
    'invite.mailSubject': 'Su invitación a {site}',
    'invite.mailBody':
      'Hola {name}:\n\nLe invitan a {site}. Para aceptar y elegir su contraseña, abra este enlace en los próximos 7 días:\n{url}\n\nSi no esperaba esta invitación, ignore este mensaje.',
    'form.errorsTitle': 'Hay un problema',
    'field.email': 'Correo electrónico',
    'field.password': 'Contraseña',
    'field.passwordHint': 'Al menos 12 caracteres.',
    'field.name': 'Nombre',
    'field.nickname': 'Alias',
    'field.nicknameHint':
      'Letras, cifras y guiones bajos; se muestra en la dirección de su perfil.',
    'field.tos': 'He leído y acepto las {link}',
    'field.tosLink': 'condiciones de uso',
    'field.newsletter': 'Quiero recibir el boletín de este sitio',
    'signIn.title': 'Iniciar sesión',
    'signIn.submit': 'Iniciar sesión',
    'signIn.noAccount': '¿Aún no tiene cuenta?',
    'signIn.signUpLink': 'Crear una cuenta',
    'signIn.invalid': 'El correo electrónico o la contraseña no son correctos.',
    'signIn.tooMany': 'Demasiados intentos. Espere {minutes} minuto(s) y vuelva a intentarlo.',
    'signUp.title': 'Crear una cuenta',
    'signUp.submit': 'Crear mi cuenta',
    'signUp.haveAccount': '¿Ya tiene una cuenta?',
    'signUp.closed': 'Este sitio no acepta nuevas cuentas.',
    'signUp.invitationOnly':
      'Las cuentas de este sitio se crean solo por invitación. Pida una invitación a la organización.',
    'signUp.checkEmailTitle': 'Revise su correo',
    'signUp.checkEmail':
      'Hemos enviado un mensaje a {email}. Siga su enlace para confirmar su dirección y luego inicie sesión.',
    'error.emailInvalid': 'Escriba un correo electrónico como nombre@ejemplo.org.',
    'error.passwordRequired': 'Escriba su contraseña.',
    'error.passwordShort': 'La contraseña debe tener al menos 12 caracteres.',
    'error.passwordLong': 'La contraseña puede tener como máximo 256 caracteres.',
    'error.nameRequired': 'Escriba su nombre (200 caracteres como máximo).',
    'error.nicknameInvalid':
      'El alias debe tener de 2 a 40 letras, cifras o guiones bajos, sin espacios.',
    'error.nicknameTaken': 'Este alias ya está en uso; elija otro.',
    'error.tosRequired': 'Debe aceptar las condiciones de uso para crear una cuenta.',
    'confirm.title': 'Confirmación del correo electrónico',
    'confirm.done': 'Gracias, su correo electrónico está confirmado.',
    'confirm.invalid':
      'Este enlace de confirmación no es válido o ha caducado. Inicie sesión para recibir uno nuevo.',
    'confirm.mailSubject': 'Confirme su correo electrónico en {site}',
    'confirm.mailBody':
      'Hola {name}:\n\nPara confirmar su correo electrónico en {site}, abra este enlace en los próximos 3 días:\n{url}\n\nSi no ha creado esta cuenta, ignore este mensaje.',
    'confirm.resend': 'Enviar de nuevo el correo de confirmación',
    'confirm.resent': 'Hemos enviado un nuevo enlace de confirmación a su correo electrónico.',
    'taken.mailSubject': 'Alguien intentó crear una cuenta con su dirección en {site}',
    'taken.mailBody':
      'Hola:\n\nAlguien intentó crear una cuenta en {site} con su correo electrónico, que ya tiene una. Si fue usted, inicie sesión aquí:\n{url}\n\nSi no, ignore este mensaje.',
    'participate.unconfirmed':
      'Confirme su correo electrónico para participar: siga el enlace que le hemos enviado.',
    'terms.title': 'Condiciones de uso',
    'terms.changed':
      'Las condiciones de uso han cambiado. Léalas y acéptelas para seguir participando.',
    'terms.accept': 'He leído y acepto estas condiciones de uso',
    'terms.submit': 'Continuar',
    'terms.required': 'Debe aceptar las condiciones de uso para participar.',
  },
  ca: {
    'email.title': "Canvia l'adreça electrònica",
    'email.new': 'Adreça electrònica nova',
    'email.currentPassword': 'Contrasenya actual',
    'email.submit': 'Envia un enllaç de confirmació',
    'email.sent': "Hem enviat un enllaç a {email}. L'adreça canvia quan el seguiu (en 24 hores).",
    'email.pending': 'Pendent de confirmació: {email}',
    'email.done': 'La vostra adreça electrònica ara és {email}.',
    'email.invalid': 'Aquest enllaç no és vàlid o ha caducat.',
    'email.mailSubject': 'Confirmeu la vostra adreça electrònica nova a {site}',
    'email.mailBody':
      'Hola, {name}:\n\nPer fer servir aquesta adreça a {site}, obriu aquest enllaç en les properes 24 hores:\n{url}\n\nSi no ho heu demanat, ignoreu aquest missatge.',
    'email.changedSubject': 'La vostra adreça electrònica a {site} ha canviat',
    'email.changedBody':
      "Hola, {name}:\n\nL'adreça electrònica del vostre compte a {site} ara és {email}. Si no heu estat vosaltres, restabliu la contrasenya i contacteu amb l'organització.",
    'error.passwordWrong': 'La contrasenya no és correcta.',
    'twoFactor.title': 'Inici de sessió en dos passos',
    'twoFactor.intro':
      "Escriviu el codi de 6 xifres que mostra la vostra aplicació d'autenticació.",
    'twoFactor.code': 'Codi',
    'twoFactor.submit': 'Verifica',
    'twoFactor.invalid': 'Aquest codi no és correcte o ha caducat.',
    'twoFactor.unavailable':
      "L'inici de sessió en dos passos no es pot comprovar ara mateix. Poseu-vos en contacte amb l'organització.",
    'twoFactor.on': "L'inici de sessió en dos passos està activat.",
    'twoFactor.off':
      "L'inici de sessió en dos passos està desactivat. Si l'activeu, en iniciar la sessió també es demana un codi d'una aplicació del telèfon.",
    'twoFactor.enableLink': "Activa l'inici de sessió en dos passos",
    'twoFactor.setupIntro':
      "Escanegeu aquest codi QR amb una aplicació d'autenticació (o escriviu la clau de sota) i després escriviu el codi que mostra.",
    'twoFactor.qrAlt': "Codi QR que afegeix aquest compte a una aplicació d'autenticació",
    'twoFactor.key': 'Clau: {key}',
    'twoFactor.enable': 'Activa',
    'twoFactor.disable': "Desactiva l'inici de sessió en dos passos",
    'twoFactor.required':
      "Aquesta organització exigeix l'inici de sessió en dos passos als administradors: activeu-lo per fer servir l'administració.",
    'account.exportTitle': 'Baixa les meves dades',
    'account.exportHint':
      "Preparem un arxiu amb tot el que aquest lloc guarda sobre vosaltres (fitxers JSON i CSV) i us n'enviem l'enllaç per correu. L'enllaç funciona durant 7 dies, només per a vosaltres un cop heu iniciat la sessió.",
    'account.exportSubmit': 'Prepara el meu arxiu',
    'account.exportRequested':
      'Estem preparant el vostre arxiu i us enviarem un enllaç per correu quan estigui a punt.',
    'export.expired':
      'Aquest arxiu no existeix o ha caducat. Podeu demanar-ne un de nou des de la pàgina del vostre compte.',
    'export.mailSubject': 'Les vostres dades de {site} estan a punt',
    'export.mailBody':
      "Hola, {name}:\n\nL'arxiu amb les vostres dades a {site} està a punt. Inicieu la sessió i obriu aquest enllaç en els propers 7 dies per baixar-lo:\n{url}\n\nSi no l'heu demanat, canvieu la contrasenya.",
    'account.title': 'El meu compte',
    'account.email': 'Adreça electrònica: {email}',
    'account.unconfirmed':
      'La vostra adreça electrònica encara no està confirmada: podeu navegar pel lloc però no participar.',
    'account.sessionsTitle': 'Sessions',
    'account.sessionsHint': 'Tanca la sessió a tots els dispositius i navegadors, inclòs aquest.',
    'account.signOutEverywhere': 'Tanca la sessió a tot arreu',
    'account.deleteTitle': 'Elimina el meu compte',
    'account.deleteHint':
      "El vostre nom, àlies i adreça electrònica s'esborren i es tanquen totes les sessions. El que heu publicat es conserva, atribuït a un participant eliminat. No es pot desfer.",
    'account.deleteReason': 'Per què marxeu? (opcional)',
    'account.deleteConfirm': "Entenc que el meu compte s'eliminarà definitivament",
    'account.deleteSubmit': 'Elimina el meu compte',
    'account.deleted': "S'ha eliminat el vostre compte. Gràcies per participar.",
    'error.deleteConfirm': 'Marqueu la casella per confirmar que voleu eliminar el compte.',
    'error.reasonLong': 'El motiu pot tenir com a màxim 500 caràcters.',
    'field.newPassword': 'Contrasenya nova',
    'signIn.forgot': 'Heu oblidat la contrasenya?',
    'reset.title': 'Contrasenya oblidada',
    'reset.intro':
      "Escriviu l'adreça electrònica del vostre compte: us enviarem un enllaç per triar una contrasenya nova.",
    'reset.submit': 'Envieu-me un enllaç',
    'reset.sent':
      "Si un compte fa servir {email}, li hem enviat un enllaç per triar una contrasenya nova. L'enllaç és vàlid durant 2 hores.",
    'reset.editTitle': 'Trieu una contrasenya nova',
    'reset.editSubmit': 'Desa la contrasenya nova',
    'reset.invalid':
      "Aquest enllaç no és vàlid o ha caducat. Demaneu-ne un de nou des de la pàgina d'inici de sessió.",
    'reset.mailSubject': 'Trieu una contrasenya nova a {site}',
    'reset.mailBody':
      'Hola, {name}:\n\nPer triar una contrasenya nova a {site}, obriu aquest enllaç en les properes 2 hores:\n{url}\n\nSi no ho heu demanat, ignoreu aquest missatge: la contrasenya no canvia.',
    'invite.title': 'Accepteu la invitació',
    'invite.intro':
      "Us donem la benvinguda a {site}. Trieu l'àlies i la contrasenya per completar el compte.",
    'invite.submit': 'Accepta la invitació',
    'invite.invalid':
      "Aquesta invitació no és vàlida o ha caducat. Demaneu-ne una de nova a l'organització.",
    'invite.mailSubject': 'La vostra invitació a {site}',
    'invite.mailBody':
      'Hola, {name}:\n\nUs conviden a {site}. Per acceptar i triar la contrasenya, obriu aquest enllaç en els propers 7 dies:\n{url}\n\nSi no esperàveu aquesta invitació, ignoreu aquest missatge.',
    'form.errorsTitle': 'Hi ha un problema',
    'field.email': 'Adreça electrònica',
    'field.password': 'Contrasenya',
    'field.passwordHint': 'Almenys 12 caràcters.',
    'field.name': 'Nom',
    'field.nickname': 'Àlies',
    'field.nicknameHint':
      "Lletres, xifres i guions baixos; es mostra a l'adreça del vostre perfil.",
    'field.tos': 'He llegit i accepto les {link}',
    'field.tosLink': "condicions d'ús",
    'field.newsletter': "Vull rebre el butlletí d'aquest lloc",
    'signIn.title': 'Inicia la sessió',
    'signIn.submit': 'Inicia la sessió',
    'signIn.noAccount': 'Encara no teniu compte?',
    'signIn.signUpLink': 'Crea un compte',
    'signIn.invalid': "L'adreça electrònica o la contrasenya no són correctes.",
    'signIn.tooMany': 'Massa intents. Espereu {minutes} minut(s) i torneu-ho a provar.',
    'signUp.title': 'Crea un compte',
    'signUp.submit': 'Crea el meu compte',
    'signUp.haveAccount': 'Ja teniu un compte?',
    'signUp.closed': 'Aquest lloc no accepta comptes nous.',
    'signUp.invitationOnly':
      "Els comptes d'aquest lloc es creen només per invitació. Demaneu una invitació a l'organització.",
    'signUp.checkEmailTitle': 'Consulteu el correu',
    'signUp.checkEmail':
      "Hem enviat un missatge a {email}. Seguiu-ne l'enllaç per confirmar l'adreça i després inicieu la sessió.",
    'error.emailInvalid': 'Escriviu una adreça electrònica com nom@exemple.org.',
    'error.passwordRequired': 'Escriviu la contrasenya.',
    'error.passwordShort': 'La contrasenya ha de tenir almenys 12 caràcters.',
    'error.passwordLong': 'La contrasenya pot tenir com a màxim 256 caràcters.',
    'error.nameRequired': 'Escriviu el vostre nom (200 caràcters com a màxim).',
    'error.nicknameInvalid':
      "L'àlies ha de tenir de 2 a 40 lletres, xifres o guions baixos, sense espais.",
    'error.nicknameTaken': 'Aquest àlies ja és en ús; trieu-ne un altre.',
    'error.tosRequired': "Heu d'acceptar les condicions d'ús per crear un compte.",
    'confirm.title': "Confirmació de l'adreça electrònica",
    'confirm.done': 'Gràcies, la vostra adreça electrònica està confirmada.',
    'confirm.invalid':
      "Aquest enllaç de confirmació no és vàlid o ha caducat. Inicieu la sessió per rebre'n un de nou.",
    'confirm.mailSubject': 'Confirmeu la vostra adreça electrònica a {site}',
    'confirm.mailBody':
      'Hola, {name}:\n\nPer confirmar la vostra adreça electrònica a {site}, obriu aquest enllaç en els propers 3 dies:\n{url}\n\nSi no heu creat aquest compte, ignoreu aquest missatge.',
    'confirm.resend': 'Torna a enviar el correu de confirmació',
    'confirm.resent': 'Hem enviat un nou enllaç de confirmació a la vostra adreça electrònica.',
    'taken.mailSubject': 'Algú ha intentat crear un compte amb la vostra adreça a {site}',
    'taken.mailBody':
      'Hola:\n\nAlgú ha intentat crear un compte a {site} amb la vostra adreça electrònica, que ja en té un. Si éreu vosaltres, inicieu la sessió aquí:\n{url}\n\nSi no, ignoreu aquest missatge.',
    'participate.unconfirmed':
      "Confirmeu l'adreça electrònica per participar: seguiu l'enllaç que us hem enviat.",
    'terms.title': "Condicions d'ús",
    'terms.changed':
      "Les condicions d'ús han canviat. Llegiu-les i accepteu-les per continuar participant.",
    'terms.accept': "He llegit i accepto aquestes condicions d'ús",
    'terms.submit': 'Continua',
    'terms.required': "Heu d'acceptar les condicions d'ús per participar.",
  },
});

export type AccountsMessageKey = Parameters<typeof accountsT>[1];
