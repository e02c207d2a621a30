/* __GDPR__ "js/ignored" : { "owner": "nobody", "comment": "JavaScript files are not searched." } */
