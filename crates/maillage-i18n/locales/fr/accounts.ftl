# Comptes du personnel en ligne de commande : maillage user … et maillage token …

cli-error = erreur : { $message }
cli-nothing-written = rien n'a été écrit

## Le magasin et la base des comptes
cli-accounts-no-store = aucun magasin à { $path } : créez le premier compte avec « maillage user add --store { $path } --name NOM --role admin »
cli-accounts-database = la base des comptes { $path } est inutilisable : { $detail }
cli-accounts-newer-schema = la base des comptes est de la version { $found } de son schéma et ce Maillage ne connaît que les versions jusqu'à { $supported } : mettez Maillage à jour

## Erreurs sur un compte ou un jeton
cli-accounts-user-exists = l'utilisateur « { $name } » existe déjà
cli-accounts-no-such-user = l'utilisateur « { $name } » n'existe pas (voir « maillage user list »)
cli-accounts-no-such-token = le jeton « { $id } » n'existe pas (voir « maillage token list »)
cli-accounts-invalid-name = « { $name } » n'est pas un nom d'utilisateur valide : de 1 à { $max } lettres sans accent, chiffres, « . », « _ » ou « - »
cli-accounts-reserved-name = le nom « { $name } » est réservé : l'historique désigne ainsi le jeton d'écriture ou la ligne de commande
cli-accounts-weak-password = mot de passe trop court : au moins { $min } caractères
cli-accounts-password-too-long = mot de passe trop long : au plus { $max } octets
cli-accounts-invalid-role = rôle « { $given } » inconnu : admin, staff ou reader
cli-accounts-invalid-label = libellé de jeton refusé : au plus { $max } caractères, sans retour à la ligne ni caractère de contrôle

## Mot de passe
cli-password-prompt = Mot de passe de « { $name } » (au moins { $min } caractères) :
cli-password-confirm = Le même mot de passe, encore une fois :
cli-password-mismatch = les deux mots de passe diffèrent
cli-password-stdin-empty = aucun mot de passe sur l'entrée standard (--password-stdin lit sa première ligne)
cli-password-stdin-unreadable = impossible de lire le mot de passe sur l'entrée standard : { $detail }
cli-password-unreadable = impossible de lire le mot de passe au terminal ({ $detail }) : sans terminal, donnez-le sur l'entrée standard avec --password-stdin

## Résultats
cli-user-added = utilisateur « { $name } » ajouté, rôle { $role }
cli-user-removed = utilisateur « { $name } » supprimé, avec ses jetons et ses sessions
cli-user-none = aucun utilisateur ; ajoutez-en un avec « maillage user add »
cli-token-created = jeton { $id } créé pour « { $user } » ; copiez-le maintenant, il ne sera plus affiché :
cli-token-revoked = jeton { $id } révoqué : il n'ouvre plus rien, dès maintenant
cli-token-none = aucun jeton

## Tableaux
cli-accounts-header-name = nom
cli-accounts-header-role = rôle
cli-accounts-header-created = créé le
cli-accounts-header-id = identifiant
cli-accounts-header-user = utilisateur
cli-accounts-header-label = libellé
cli-accounts-header-state = état
cli-token-state-active = actif
cli-token-state-revoked = révoqué

