/* __GDPR__
	"edit/applied" : {
		"owner": "editor-team",
		"comment": "An edit was applied.",
		"${include}": [ "${Range}", "${Plain}", "${Owned}" ],
		"target": { "${inline}": [ "${Position}" ] }
	}
*/
/* __GDPR__
	"edit/undone" : {
		"owner": "editor-team",
		"comment": "An edit was applied.",
		"${include}": [ "${Owned}", "${Range}" ]
	}
*/
export const events = 1;
